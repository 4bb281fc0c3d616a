package org.imigateway.cooperation.rendering;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.xml.datatype.XMLGregorianCalendar;

import org.imigateway.cooperation.translation.Translation;
import org.imigateway.cooperation.translation.Translator;
import org.imigateway.directory.Authority;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.schemas.imi.alert.Alert;
import org.imigateway.schemas.imi.alert.AlertEnd;
import org.imigateway.schemas.imi.alert.Content;
import org.imigateway.schemas.imi.alert.Message;
import org.imigateway.schemas.imi.alert.Notification;
import org.imigateway.schemas.imi.common.AttachmentRef;
import org.imigateway.schemas.imi.common.CaseRef;
import org.imigateway.schemas.imi.common.LocalisedText;
import org.imigateway.schemas.imi.request.Acceptance;
import org.imigateway.schemas.imi.request.Answer;
import org.imigateway.schemas.imi.request.AnswerByProposal;
import org.imigateway.schemas.imi.request.Answers;
import org.imigateway.schemas.imi.request.Closure;
import org.imigateway.schemas.imi.request.Forwarding;
import org.imigateway.schemas.imi.request.FurtherInformation;
import org.imigateway.schemas.imi.request.Request;
import org.imigateway.schemas.imi.request.RequestStep;

/**
 * Renders a business document for a reader in one language: a self-contained XHTML page whose
 * standard content (procedure, policy area, question sets, questions, the page's captions and
 * yes/no) is taken pre-translated from the catalogues, and whose free text goes through the
 * translator, each text keeping the mark of the language it is shown in. Covers the request
 * family (all eight actions) and alerts and notifications; the page is a reading aid beside
 * the original document, which it never replaces.
 */
public final class Renderer {

    /** The document types a page is made for: what an authority reads from another authority. */
    public static final Set<ImiDocumentType> RENDERED = EnumSet.of(ImiDocumentType.REQUEST_SUBMIT,
            ImiDocumentType.REQUEST_ACCEPT, ImiDocumentType.REQUEST_PROPOSE_ANSWER_BY, ImiDocumentType.REQUEST_FORWARD,
            ImiDocumentType.REQUEST_ASK_INFORMATION, ImiDocumentType.REQUEST_GIVE_INFORMATION,
            ImiDocumentType.REQUEST_ANSWER, ImiDocumentType.REQUEST_CLOSE, ImiDocumentType.ALERT_SEND,
            ImiDocumentType.ALERT_WITHDRAW, ImiDocumentType.ALERT_CLOSE, ImiDocumentType.NOTIFICATION_NOTIFY);

    private final StandardContent content;
    private final Captions captions;
    private final Translator translator;
    private final Function<String, Optional<Authority>> authorities;

    /** @param authorities the directory: an authority by its id, for names in the reader's language */
    public Renderer(StandardContent content, Captions captions, Translator translator,
            Function<String, Optional<Authority>> authorities) {
        this.content = content;
        this.captions = captions;
        this.translator = translator;
        this.authorities = authorities;
    }

    /** The page for a reader of {@code lang}, when {@code type} is one that is rendered. */
    public Optional<byte[]> render(ImiDocumentType type, Object document, String lang) {
        if (!RENDERED.contains(type)) {
            return Optional.empty();
        }
        Page page = new Page(new XhtmlPage(lang, captions.text("type." + type.name(), lang)), lang);
        if (document instanceof RequestStep step) {
            page.header(step.getCase(), step.getFrom(), List.of(step.getTo()));
            page.request(step);
        } else if (document instanceof Content alert) {
            List<String> to = alert instanceof Notification notification ? notification.getTos() : List.of();
            page.header(alert.getCase(), alert.getFrom(), to);
            page.alert(alert);
        } else {
            throw new IllegalArgumentException(type + " carries a " + document.getClass().getSimpleName()
                    + ", which has no rendering");
        }
        return Optional.of(page.xhtml.finish(captions.text("note.rendering", lang)));
    }

    /** One page in the making, for one reader's language. */
    private final class Page {

        private final XhtmlPage xhtml;
        private final String lang;
        private String procedure = "";

        Page(XhtmlPage xhtml, String lang) {
            this.xhtml = xhtml;
            this.lang = lang;
        }

        void header(CaseRef caseRef, String from, List<String> to) {
            procedure = caseRef.getProcedure();
            xhtml.start("table", "header");
            row("field.policyArea", content.policyArea(procedure, lang).orElse(procedure));
            row("field.procedure", content.procedure(procedure, lang).orElse(procedure));
            row("field.case", caseRef.getId());
            row("field.from", authority(from));
            if (!to.isEmpty()) {
                xhtml.start("tr").element("th", caption("field.to")).start("td");
                to.forEach(id -> xhtml.element("p", authority(id)));
                xhtml.end().end();
            }
        }

        void request(RequestStep step) {
            if (step instanceof Request request) {
                date("field.answerBy", request.getAnswerBy());
                freeText("field.subject", request.getSubjects());
                xhtml.end();
                request.getQuestionSets().forEach(set -> {
                    xhtml.element("h2", content.questionSet(procedure, set.getCode(), lang).orElse(set.getCode()));
                    xhtml.start("table", "questions");
                    set.getQuestions().forEach(q -> {
                        xhtml.start("tr").element("th", caption("field.question")).start("td");
                        xhtml.element("p", question(q.getId()));
                        xhtml.end().end();
                        freeText("field.comment", q.getComments());
                    });
                    xhtml.end();
                });
                attachments(request.getAttachments());
                return;
            }
            if (step instanceof Acceptance acceptance) {
                date("field.answerBy", acceptance.getAnswerBy());
            } else if (step instanceof AnswerByProposal proposal) {
                date("field.answerBy", proposal.getAnswerBy());
                freeText("field.reason", proposal.getReasons());
            } else if (step instanceof Forwarding forwarding) {
                freeText("field.reason", forwarding.getReasons());
            } else if (step instanceof Closure closure) {
                freeText("field.reason", closure.getReasons());
            } else if (step instanceof FurtherInformation information) {
                freeText("field.message", information.getTexts());
                xhtml.end();
                attachments(information.getAttachments());
                return;
            } else if (step instanceof Answers answers) {
                xhtml.end();
                answers.getAnswers().forEach(this::answer);
                return;
            }
            xhtml.end();
        }

        void alert(Content alert) {
            if (alert instanceof Alert sent) {
                date("field.decisionDate", sent.getDecisionDate());
                row("field.countries", String.join(", ", sent.getCountries().stream().map(this::country).toList()));
            }
            if (alert instanceof Message message) {
                freeText("field.subject", message.getSubjects());
                freeText("field.message", message.getBodies());
                xhtml.end();
                attachments(message.getAttachments());
                return;
            }
            freeText("field.reason", ((AlertEnd) alert).getReasons());
            xhtml.end();
        }

        private void answer(Answer answer) {
            xhtml.element("h2", question(answer.getQuestion()));
            xhtml.start("table", "answer");
            if (answer.isYesNo() != null) {
                row("field.answer", caption(answer.isYesNo() ? "value.yes" : "value.no"));
            } else if (answer.getDate() != null) {
                date("field.answer", answer.getDate());
            } else if (answer.getCoded() != null) {
                String label = answer.getCoded().getValue() == null ? "" : answer.getCoded().getValue().trim();
                row("field.answer", (label.isEmpty() ? "" : label + " ") + "[" + answer.getCoded().getList() + ": "
                        + answer.getCoded().getCode() + "]");
            } else {
                freeText("field.answer", answer.getTexts());
            }
            xhtml.end();
            attachments(answer.getAttachments());
        }

        private void attachments(List<AttachmentRef> attachments) {
            if (attachments.isEmpty()) {
                return;
            }
            xhtml.start("table", "attachments");
            for (AttachmentRef attachment : attachments) {
                String name = attachment.getFileName() == null ? attachment.getPart() : attachment.getFileName();
                row("field.attachment", name + " (" + attachment.getMimeType() + ")");
            }
            xhtml.end();
        }

        /**
         * Free text in the reader's language: the sibling written in it when there is one,
         * else the first original through the translator; the page says which it is.
         */
        private void freeText(String key, List<LocalisedText> texts) {
            if (texts.isEmpty()) {
                return;
            }
            xhtml.start("tr").element("th", caption(key)).start("td", "free-text");
            LocalisedText original = texts.stream().filter(t -> !t.isMachineTranslated()).findFirst().orElse(texts.get(0));
            Optional<LocalisedText> own = texts.stream().filter(t -> written(t, lang) && !t.isMachineTranslated()).findFirst()
                    .or(() -> texts.stream().filter(t -> written(t, lang)).findFirst());
            if (own.isPresent() && !own.get().isMachineTranslated()) {
                xhtml.start("p").lang(lang).text(own.get().getValue()).end();
            } else if (own.isPresent()) {
                translated(own.get().getValue(), original);
            } else {
                Translation translation = translator.translate(original.getLang().value(), lang, original.getValue());
                if (translation instanceof Translation.Translated done) {
                    translated(done.text(), original);
                } else {
                    xhtml.start("p", "untranslated").lang(translation.sourceLang()).text(translation.text()).end();
                    xhtml.element("p", captions.format("note.untranslated", lang,
                            Captions.languageName(translation.sourceLang(), lang)), "note");
                }
            }
            xhtml.end().end();
        }

        private static boolean written(LocalisedText text, String lang) {
            return text.getLang().value().equals(lang);
        }

        private void translated(String text, LocalisedText original) {
            String source = original.getLang().value();
            xhtml.start("p", "translated").lang(lang).text(text).end();
            xhtml.element("p", captions.format("note.machineTranslated", lang, Captions.languageName(source, lang)), "note");
            xhtml.start("p", "original").lang(source).text(original.getValue()).end();
        }

        private void row(String key, String value) {
            xhtml.start("tr").element("th", caption(key)).element("td", value).end();
        }

        private void date(String key, XMLGregorianCalendar value) {
            LocalDate date = LocalDate.of(value.getYear(), value.getMonth(), value.getDay());
            xhtml.start("tr").element("th", caption(key)).start("td").start("time").attribute("datetime", date.toString())
                    .text(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(lang))
                            .format(date))
                    .end().end().end();
        }

        private String caption(String key) {
            return captions.text(key, lang);
        }

        private String question(String id) {
            return content.question(procedure, id, lang).orElse(id);
        }

        /** "Bundesverwaltungsamt (DE-BVA)": its name in the reader's language where it has one. */
        private String authority(String id) {
            return authorities.apply(id).map(a -> a.names().getOrDefault(lang, a.displayName()) + " (" + id + ")")
                    .orElse(id);
        }

        /** The country's name in the reader's language; the EU writes Greece EL where ISO has GR. */
        private String country(String code) {
            String iso = code.equals("EL") ? "GR" : code;
            return new Locale("", iso).getDisplayCountry(Locale.forLanguageTag(lang)) + " (" + code + ")";
        }
    }
}
