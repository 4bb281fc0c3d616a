package org.imigateway.conformance.cases;

import static org.imigateway.conformance.cases.CooperationCases.caseId;
import static org.imigateway.conformance.cases.CooperationProbes.document;
import static org.imigateway.conformance.cases.CooperationProbes.expectAnswer;
import static org.imigateway.conformance.cases.CooperationProbes.send;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.imigateway.conformance.cases.CooperationProbes.Failed;
import org.imigateway.conformance.cases.CooperationProbes.Receipted;
import org.imigateway.conformance.cases.CooperationProbes.Step;
import org.imigateway.conformance.run.ImiAuthorities;
import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Inspection;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * A notification (procedure {@code services-notification}) names its recipients: each must get
 * one copy, and an IMI Gateway hub adds to every business message it passes on a rendering for
 * its reader (part properties {@code role=rendering}, {@code lang}), which must be in a language
 * of the recipient's country. The suite judges the language by its own table of the network's
 * official languages, not the hub's, and the country by the authority id's first two letters.
 */
final class NotificationCases {

    private static final String PROCEDURE = "services-notification";

    /** Official languages of the countries of the network (EL and GR both for Greece), as ISO 639-1 codes. */
    private static final Map<String, Set<String>> LANGUAGES = Arrays.stream(("AT:de BE:nl,fr,de BG:bg CY:el CZ:cs DE:de"
            + " DK:da EE:et EL:el GR:el ES:es FI:fi,sv FR:fr HR:hr HU:hu IE:en,ga IT:it LT:lt LU:fr,de,lb LV:lv MT:mt,en"
            + " NL:nl PL:pl PT:pt RO:ro SE:sv SI:sl SK:sk IS:is NO:no,nb,nn LI:de").split(" "))
            .map(entry -> entry.split(":"))
            .collect(Collectors.toUnmodifiableMap(e -> e[0], e -> Set.of(e[1].split(","))));

    private NotificationCases() {
    }

    static Case notification() {
        return new Case("coop-notification", "A notification reaches each authority it names, each copy rendered in a"
                + " language of the recipient's country; the same notification again is refused; its Withdraw reaches the"
                + " same authorities", "Notify (" + PROCEDURE + ") from --authority to --peer-authority and"
                + " --forward-authority; each copy carries a rendering in an official language of its recipient's"
                + " country; a second Notify of the case gets a Refuse; a Withdraw reaches both", Role.SEND, Scope.IMI_EXTENSION, Set.of(Need.IMI_AUTHORITIES, Need.IMI_FORWARDEE,
                        Need.ENCRYPTION_KEY), NotificationCases::notified);
    }

    private static Verdict notified(Session session) throws Exception {
        ImiAuthorities imi = session.settings().imi();
        String from = imi.authority().orElseThrow();
        List<String> to = List.of(imi.peer().orElseThrow(), imi.forwardee().orElseThrow());
        String caseId = caseId(from);
        String xml = notification(caseId, from, to);
        Step sent = send(session, "notification Notify", document(session, ImiDocumentType.NOTIFICATION_NOTIFY, from, from,
                xml));
        if (sent instanceof Failed failed) {
            return failed.verdict();
        }
        String refTo = ((Receipted) sent).messageId();
        Map<String, HubAnswer> copies = copies(session, refTo, ImiDocumentType.NOTIFICATION_NOTIFY, to);
        if (copies.size() < to.size()) {
            return CooperationProbes.noAnswer(session, "Notify for " + missing(to, copies), refTo);
        }
        StringBuilder languages = new StringBuilder();
        for (HubAnswer copy : copies.values()) {
            Optional<String> wrong = wrongRendering(copy);
            if (wrong.isPresent()) {
                return Verdict.fail("notification " + caseId + ": " + copy.describe() + " " + wrong.get());
            }
            languages.append(languages.length() == 0 ? "" : ", ").append(copy.finalRecipient()).append(" in ")
                    .append(rendering(copy).orElseThrow().partProperties().get("lang"));
        }
        Step again = send(session, "the same notification again", document(session, ImiDocumentType.NOTIFICATION_NOTIFY,
                from, from, xml));
        if (again instanceof Failed failed) {
            return failed.verdict();
        }
        Verdict refused = expectAnswer(session, ((Receipted) again).messageId(), ImiDocumentType.HUB_REFUSAL.action(), from,
                "<action>Notify</action>", caseId);
        if (refused.status() != Verdict.Status.PASS) {
            return Verdict.fail("notification " + caseId + " sent again: " + refused.message());
        }
        String endXml = "<alertEnd xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"" + PROCEDURE + "\" id=\""
                + caseId + "\"/><from>" + from + "</from><reason lang=\"en\">Conformance test: Withdraw</reason></alertEnd>";
        Step withdrawn = send(session, "notification Withdraw", document(session, ImiDocumentType.ALERT_WITHDRAW, from, from,
                endXml));
        if (withdrawn instanceof Failed failed) {
            return failed.verdict();
        }
        String withdrawRef = ((Receipted) withdrawn).messageId();
        Map<String, HubAnswer> told = copies(session, withdrawRef, ImiDocumentType.ALERT_WITHDRAW, to);
        if (told.size() < to.size()) {
            return CooperationProbes.noAnswer(session, "Withdraw for " + missing(to, told), withdrawRef);
        }
        return Verdict.pass("notification " + caseId + " reached " + languages + "; sent again, it was refused; its"
                + " Withdraw reached " + told.keySet());
    }

    /** The hub's copies of {@code type} answering {@code refTo}, one per recipient in {@code to}, as many as came. */
    private static Map<String, HubAnswer> copies(Session session, String refTo, ImiDocumentType type, List<String> to)
            throws InterruptedException {
        Map<String, HubAnswer> copies = new LinkedHashMap<>();
        while (copies.size() < to.size()) {
            Optional<HubAnswer> copy = CooperationProbes.answerTo(session, refTo, a -> a.action().equals(type.action())
                    && to.contains(a.finalRecipient()) && !copies.containsKey(a.finalRecipient()));
            if (copy.isEmpty()) {
                break;
            }
            copies.put(copy.get().finalRecipient(), copy.get());
        }
        return copies;
    }

    private static List<String> missing(List<String> to, Map<String, HubAnswer> copies) {
        return to.stream().filter(r -> !copies.containsKey(r)).toList();
    }

    /** Why the copy's rendering is missing or not for its reader, if it is. */
    private static Optional<String> wrongRendering(HubAnswer copy) {
        Optional<Inspection.ReceivedPayload> rendering = rendering(copy);
        if (rendering.isEmpty()) {
            return Optional.of("has no rendering (a payload with part property role=rendering) among its "
                    + copy.payloads().size() + " payloads");
        }
        String lang = rendering.get().partProperties().getOrDefault("lang", "");
        String country = copy.finalRecipient().substring(0, 2);
        Set<String> official = LANGUAGES.getOrDefault(country, Set.of());
        if (!official.contains(lang)) {
            return Optional.of("has its rendering in '" + lang + "', not in a language of " + country + " " + official);
        }
        String page = rendering.get().content().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
        if (!page.contains("lang=\"" + lang + "\"")) {
            return Optional.of("has a rendering with part property lang=" + lang + " whose page does not say lang=\"" + lang
                    + "\"");
        }
        return Optional.empty();
    }

    private static Optional<Inspection.ReceivedPayload> rendering(HubAnswer copy) {
        return copy.payloads().stream().filter(p -> "rendering".equals(p.partProperties().get("role"))).findFirst();
    }

    private static String notification(String caseId, String from, List<String> to) {
        StringBuilder xml = new StringBuilder("<notification xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"")
                .append(PROCEDURE).append("\" id=\"").append(caseId).append("\"/><from>").append(from).append("</from>")
                .append("<subject lang=\"en\">Notification of a new authorisation scheme (conformance test)</subject>")
                .append("<body lang=\"en\">A draft requirement subject to Directive 2006/123/EC, Art. 15(7).</body>");
        to.forEach(recipient -> xml.append("<to>").append(recipient).append("</to>"));
        return xml.append("</notification>").toString();
    }
}
