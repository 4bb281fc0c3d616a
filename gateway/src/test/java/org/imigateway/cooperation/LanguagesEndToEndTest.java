package org.imigateway.cooperation;

import static org.imigateway.cooperation.rendering.XhtmlPages.XHTML;
import static org.imigateway.cooperation.rendering.XhtmlPages.XML_NS;
import static org.imigateway.cooperation.rendering.XhtmlPages.byClass;
import static org.imigateway.cooperation.rendering.XhtmlPages.texts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.imigateway.xml.SecureXml;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.Payload;
import org.imigateway.cooperation.CooperationNetwork.Received;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue 5, show 2: a request written in Latvian by a Latvian authority reaches a German
 * authority through the hub with the original document untouched and a German rendering beside it.
 */
class LanguagesEndToEndTest {

    @TempDir
    static Path dir;

    private static CooperationNetwork network;

    @BeforeAll
    static void start() throws Exception {
        network = CooperationNetwork.start(dir);
    }

    @AfterAll
    static void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aLatvianRequestReachesAGermanAuthorityWithItsOriginalAndAGermanRenderingMarkingTheFreeTextUntranslated()
            throws Exception {
        String request = "<request xmlns=\"urn:imigateway:imi:request:1\"><case procedure=\"pq-request\" id=\"LV-2026-0042\"/>"
                + "<from>LV-VI</from><to>DE-BVA</to><answerBy>" + LocalDate.now(ZoneOffset.UTC).plusDays(20) + "</answerBy>"
                + "<subject lang=\"lv\">Ārsta diploma atzīšana &lt;b&gt;steidzami&lt;/b&gt;</subject>"
                + "<questionSet code=\"pq-verification\"><question id=\"document-authentic\">"
                + "<comment lang=\"lv\">Lūdzu, pārbaudiet diploma oriģinālu.</comment></question>"
                + "<question id=\"sanctioned\"/></questionSet></request>";
        String messageId = network.send(ImiDocumentType.REQUEST_SUBMIT, "LV-VI", "DE-BVA", request);

        Received received = network.awaitFrom(messageId, "DE-BVA");
        assertEquals("ap-1", received.accessPoint());
        Path folder = network.gateway("ap-1").inbox().folderOf(received.meta().messageId());
        Delivery meta = received.meta();
        assertEquals(2, meta.payloads().size());
        assertEquals("application/xml", meta.payloads().get(0).mimeType());
        assertArrayEquals(request.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(folder.resolve("payload-1")),
                "the original document goes on byte for byte");

        assertEquals("application/xhtml+xml", meta.payloads().get(1).mimeType());
        assertTrue(partProperties(meta.payloads().get(1)).containsAll(List.of("role=rendering", "lang=de")),
                partProperties(meta.payloads().get(1)).toString());
        assertTrue(partProperties(meta.payloads().get(0)).stream().noneMatch(p -> p.startsWith("role=")));
        Document page = SecureXml.parse(Files.readAllBytes(folder.resolve("payload-2")));
        assertEquals(XHTML, page.getDocumentElement().getNamespaceURI());
        assertEquals("de", page.getDocumentElement().getAttributeNS(XML_NS, "lang"));
        assertEquals("Auskunftsersuchen", texts(page, "h1").get(0));
        assertEquals(List.of("Prüffragen"), texts(page, "h2"));
        List<String> cells = texts(page, "td");
        assertTrue(cells.containsAll(List.of("Berufsqualifikationen", "Berufsqualifikationen: Auskunftsersuchen",
                "Ist das Dokument echt?", "Wurden gegen die Fachkraft Sanktionen verhängt?",
                "Veselības inspekcija (LV-VI)", "Bundesverwaltungsamt (DE-BVA)")), cells.toString());

        List<Element> untranslated = byClass(page, "untranslated");
        assertEquals(List.of("Ārsta diploma atzīšana <b>steidzami</b>", "Lūdzu, pārbaudiet diploma oriģinālu."),
                untranslated.stream().map(Element::getTextContent).toList());
        untranslated.forEach(p -> assertEquals("lv", p.getAttributeNS(XML_NS, "lang")));
        assertEquals(0, page.getElementsByTagNameNS(XHTML, "b").getLength(), "free text never becomes markup");
        assertEquals(2, byClass(page, "note").stream()
                .filter(n -> n.getTextContent().equals("nicht übersetzt, Original auf Lettisch (lv)")).count());
    }

    private static List<String> partProperties(Payload payload) {
        return payload.properties().stream().map(p -> p.name() + "=" + p.value()).toList();
    }

}
