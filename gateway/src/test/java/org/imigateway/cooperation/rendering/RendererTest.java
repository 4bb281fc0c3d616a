package org.imigateway.cooperation.rendering;

import static org.imigateway.cooperation.rendering.XhtmlPages.XHTML;
import static org.imigateway.cooperation.rendering.XhtmlPages.byClass;
import static org.imigateway.cooperation.rendering.XhtmlPages.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.xml.SecureXml;
import org.imigateway.procedure.BoundXml;
import org.imigateway.procedure.ShippedProcedures;
import org.imigateway.cooperation.translation.Translation;
import org.imigateway.cooperation.translation.Translator;
import org.imigateway.directory.Authority;
import org.imigateway.directory.AuthorityStatus;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RendererTest {

    @TempDir
    static Path dir;

    private static StandardContent content;

    private static final Map<String, Authority> DIRECTORY = Map.of(
            "LV-VI", new Authority("LV-VI", "LV", Map.of("lv", "Veselības inspekcija"), Optional.empty(), "ap-3",
                    AuthorityStatus.ACTIVE, Map.of()),
            "DE-BVA", new Authority("DE-BVA", "DE", Map.of("de", "Bundesverwaltungsamt", "en", "Federal Office of Administration"),
                    Optional.empty(), "ap-1", AuthorityStatus.ACTIVE, Map.of()));

    @BeforeAll
    static void loadProcedures() throws Exception {
        Path folder = dir.resolve("procedures");
        ShippedProcedures.copyTo(folder);
        content = StandardContent.load(folder);
    }

    private static Renderer renderer(Translator translator) {
        return new Renderer(content, Captions.shipped(), translator, id -> Optional.ofNullable(DIRECTORY.get(id)));
    }

    static String latvianRequest(String subject) {
        return "<request xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"LV-2026-7\"/>"
                + "<from>LV-VI</from><to>DE-BVA</to><answerBy>2026-12-20</answerBy>"
                + "<subject lang=\"lv\">" + subject + "</subject>"
                + "<questionSet code=\"pq-verification\"><question id=\"document-authentic\">"
                + "<comment lang=\"lv\">Lūdzu, pārbaudiet diplomu.</comment></question>"
                + "<question id=\"sanctioned\"/></questionSet></request>";
    }

    private static Object parse(ImiDocumentType type, String xml) {
        BoundXml.Outcome<?> read = BoundXml.of(type.rootClass(), type.schema())
                .read(xml.getBytes(StandardCharsets.UTF_8), "test");
        if (read instanceof BoundXml.Invalid<?> invalid) {
            throw new AssertionError(invalid.problems());
        }
        return ((BoundXml.Read<?>) read).document();
    }

    /** Renders and parses the page with the hardened parser: a page that is not well-formed XML fails here. */
    static Document render(Renderer renderer, ImiDocumentType type, String xml, String lang) throws Exception {
        byte[] page = renderer.render(type, parse(type, xml), lang).orElseThrow();
        return SecureXml.parse(page);
    }

    @Test
    void aLatvianRequestReadsInGermanWithTheFreeTextMarkedUntranslated() throws Exception {
        Document page = render(renderer(Translator.offline()), ImiDocumentType.REQUEST_SUBMIT,
                latvianRequest("Ārsta diploma atzīšana"), "de");

        Element html = page.getDocumentElement();
        assertEquals(XHTML, html.getNamespaceURI());
        assertEquals("de", html.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"));
        assertEquals(List.of("Auskunftsersuchen"), texts(page, "h1"));
        assertEquals(List.of("Prüffragen"), texts(page, "h2"));
        List<String> cells = texts(page, "td");
        assertTrue(cells.contains("Berufsqualifikationen"), cells.toString());
        assertTrue(cells.contains("Berufsqualifikationen: Auskunftsersuchen"), cells.toString());
        assertTrue(cells.contains("Veselības inspekcija (LV-VI)"), cells.toString());
        assertTrue(cells.contains("Bundesverwaltungsamt (DE-BVA)"), cells.toString());
        assertTrue(cells.contains("20. Dezember 2026"), cells.toString());
        assertTrue(cells.contains("Ist das Dokument echt?"), cells.toString());
        assertTrue(cells.contains("Wurden gegen die Fachkraft Sanktionen verhängt?"), cells.toString());
        assertTrue(texts(page, "th").containsAll(List.of("Antwort bis", "Betreff", "Frage", "Bemerkung")), texts(page, "th").toString());

        List<Element> untranslated = byClass(page, "untranslated");
        assertEquals(List.of("Ārsta diploma atzīšana", "Lūdzu, pārbaudiet diplomu."),
                untranslated.stream().map(Element::getTextContent).toList());
        untranslated.forEach(p -> assertEquals("lv", p.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang")));
        assertEquals(2, byClass(page, "note").stream()
                .filter(n -> n.getTextContent().equals("nicht übersetzt, Original auf Lettisch (lv)")).count());
        assertEquals(List.of("Lesefassung in Ihrer Sprache. Das Originaldokument liegt dieser Nachricht bei und ist maßgeblich."),
                texts(page, "footer"));
    }

    @Test
    void markupInFreeTextComesOutAsTextAndThePageRefersToNothingOutside() throws Exception {
        String hostile = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=\"http://evil.example/x\"/&gt; &amp; ]]&gt;";
        Document page = render(renderer(Translator.offline()), ImiDocumentType.REQUEST_SUBMIT, latvianRequest(hostile), "de");

        assertEquals(0, page.getElementsByTagNameNS("*", "script").getLength());
        assertEquals(0, page.getElementsByTagNameNS("*", "img").getLength());
        assertEquals(0, page.getElementsByTagNameNS("*", "link").getLength());
        NodeList all = page.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            assertFalse(e.hasAttribute("src") || e.hasAttribute("href"), e.getTagName() + " refers outside");
        }
        assertEquals("<script>alert(1)</script><img src=\"http://evil.example/x\"/> & ]]>",
                byClass(page, "untranslated").get(0).getTextContent());
    }

    @Test
    void aSiblingInTheReadersLanguageIsShownAsWrittenAndATranslationIsMarkedWithItsOriginal() throws Exception {
        String both = latvianRequest("Ārsta diploma atzīšana").replace("</subject>",
                "</subject><subject lang=\"de\">Anerkennung eines Arztdiploms</subject>");
        Document own = render(renderer(Translator.offline()), ImiDocumentType.REQUEST_SUBMIT, both, "de");
        assertTrue(texts(own, "td").contains("Anerkennung eines Arztdiploms"));
        assertFalse(texts(own, "td").contains("Ārsta diploma atzīšana"));

        Translator service = (source, target, text) -> new Translation.Translated("[" + target + "] " + text, source, target);
        Document translated = render(renderer(service), ImiDocumentType.REQUEST_SUBMIT, latvianRequest("Diploms"), "fr");
        assertEquals(List.of("[fr] Diploms"), byClass(translated, "translated").stream().map(Element::getTextContent).toList()
                .subList(0, 1));
        assertTrue(byClass(translated, "note").stream()
                .anyMatch(n -> n.getTextContent().equals("traduction automatique, original : letton (lv)")));
        assertEquals("Diploms", byClass(translated, "original").get(0).getTextContent());
    }

    @Test
    void answersShowTheQuestionAndYesOrNoInTheReadersLanguage() throws Exception {
        String answers = "<answers xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"LV-2026-7\"/>"
                + "<from>DE-BVA</from><to>LV-VI</to><answer question=\"document-authentic\"><yesNo>true</yesNo></answer>"
                + "<answer question=\"sanctioned\"><yesNo>false</yesNo></answer></answers>";
        Document page = render(renderer(Translator.offline()), ImiDocumentType.REQUEST_ANSWER, answers, "lv");
        assertEquals(List.of("Atbildes"), texts(page, "h1"));
        assertEquals(List.of("Vai dokuments ir autentisks?", "Vai speciālistam ir piemērotas sankcijas?"), texts(page, "h2"));
        assertTrue(texts(page, "td").containsAll(List.of("Jā", "Nē")), texts(page, "td").toString());
    }

    @Test
    void anAlertNamesItsCountriesInTheReadersLanguage() throws Exception {
        String alert = "<alert xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"LV-A-1\"/>"
                + "<from>LV-VI</from><subject lang=\"lv\">Aizliegums praktizēt</subject>"
                + "<body lang=\"lv\">Ārstam aizliegts praktizēt.</body><decisionDate>2026-11-20</decisionDate>"
                + "<country>DE</country><country>EL</country></alert>";
        Document page = render(renderer(Translator.offline()), ImiDocumentType.ALERT_SEND, alert, "de");
        assertEquals(List.of("Vorwarnung"), texts(page, "h1"));
        assertTrue(texts(page, "td").contains("Deutschland (DE), Griechenland (EL)"), texts(page, "td").toString());
        assertEquals(2, byClass(page, "untranslated").size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "REQUEST_ACCEPT|acceptance|<answerBy>2026-12-20</answerBy>|Annahme des Ersuchens",
        "REQUEST_PROPOSE_ANSWER_BY|answerByProposal|<answerBy>2026-12-30</answerBy><reason lang='lv'>Atvaļinājums</reason>|Vorgeschlagene Antwortfrist",
        "REQUEST_FORWARD|forwarding|<reason lang='lv'>Kompetentā iestāde</reason>|Weitergeleitetes Ersuchen",
        "REQUEST_ASK_INFORMATION|furtherInformation|<text lang='lv'>Lūdzu, atsūtiet pielikumu.</text>|Bitte um weitere Auskünfte",
        "REQUEST_GIVE_INFORMATION|furtherInformation|<text lang='lv'>Pielikumā.</text><attachment part='cid:a1' mimeType='application/pdf' fileName='diploms.pdf'/>|Weitere Auskünfte",
        "REQUEST_CLOSE|closure|<reason lang='lv'>Pabeigts</reason>|Abschluss des Ersuchens"})
    void everyRequestStepHasAGermanPageWithItsTitleAndItsFreeTextMarked(String type, String root, String body, String title)
            throws Exception {
        String xml = "<" + root + " xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"LV-2026-7\"/>"
                + "<from>LV-VI</from><to>DE-BVA</to>" + body.replace('\'', '"') + "</" + root + ">";
        Document page = render(renderer(Translator.offline()), ImiDocumentType.valueOf(type), xml, "de");
        assertEquals(List.of(title), texts(page, "h1"));
        assertEquals(body.contains("lang="), !byClass(page, "untranslated").isEmpty());
        assertEquals(body.contains("diploms.pdf"), texts(page, "td").contains("diploms.pdf (application/pdf)"));
    }

    @Test
    void anAlertEndAndANotificationHaveTheirPages() throws Exception {
        String withdraw = "<alertEnd xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"pq-alert\" id=\"LV-A-1\"/>"
                + "<from>LV-VI</from><reason lang=\"lv\">Kļūda</reason></alertEnd>";
        assertEquals(List.of("Rücknahme einer Vorwarnung"),
                texts(render(renderer(Translator.offline()), ImiDocumentType.ALERT_WITHDRAW, withdraw, "de"), "h1"));
        String notification = "<notification xmlns=\"urn:imigateway:imi:alert:1\"><case procedure=\"services-notification\" id=\"LV-N-1\"/>"
                + "<from>LV-VI</from><subject lang=\"lv\">Paziņojums</subject><body lang=\"lv\">Teksts</body>"
                + "<to>DE-BVA</to></notification>";
        Document page = render(renderer(Translator.offline()), ImiDocumentType.NOTIFICATION_NOTIFY, notification, "fr");
        assertEquals(List.of("Notification"), texts(page, "h1"));
        assertTrue(texts(page, "p").contains("Federal Office of Administration (DE-BVA)"), texts(page, "p").toString());
    }

    @Test
    void documentsThatAreNotReadByAnAuthorityAreNotRendered() {
        assertTrue(renderer(Translator.offline()).render(ImiDocumentType.HUB_REFUSAL, new Object(), "de").isEmpty());
    }
}
