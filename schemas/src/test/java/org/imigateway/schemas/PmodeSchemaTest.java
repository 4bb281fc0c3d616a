package org.imigateway.schemas;

import static org.imigateway.schemas.HardenedXml.PMODE;
import static org.imigateway.schemas.HardenedXml.sample;
import static org.imigateway.schemas.HardenedXml.validate;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.bind.JAXBContext;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.xml.validation.Schema;
import org.imigateway.schemas.pmode.Leg;
import org.imigateway.schemas.pmode.Pmodes;
import org.imigateway.schemas.pmode.SecurityProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

class PmodeSchemaTest {

    private static Schema pmodes;

    @BeforeAll
    static void loadSchema() throws SAXException {
        pmodes = HardenedXml.schema(SchemaResources.PMODE);
    }

    @Test
    void samplePmodesAreValid() throws Exception {
        Document document = sample("pmodes.xml");

        assertDoesNotThrow(() -> validate(pmodes, document));
    }

    @Test
    void samplePmodesBindToPmodes() throws Exception {
        JAXBContext context = JAXBContext.newInstance(org.imigateway.schemas.pmode.ObjectFactory.class);

        Pmodes bound = (Pmodes) context.createUnmarshaller().unmarshal(sample("pmodes.xml"));

        assertEquals(List.of("imi-ap-be", "imi-ap-nl"), bound.getParties().stream().map(p -> p.getName()).toList());
        Leg request = bound.getLegs().get(0);
        assertEquals("imi-request-leg", request.getId());
        assertEquals(SecurityProfile.EDELIVERY_2_0_EDDSA, request.getSecurity().getProfile());
        assertTrue(request.getSecurity().isSign());
        assertEquals(List.of("imi-ap-be", "imi-ap-nl"), request.getInitiators());
        assertEquals(BigInteger.valueOf(52_428_800), request.getMaxPayloadSize());
        Leg ping = bound.getLegs().get(1);
        assertEquals(SecurityProfile.EDELIVERY_1_15, ping.getSecurity().getProfile());
        // an absent element keeps no schema default in JAXB: the reader of the PMode applies it
        assertNull(ping.isCompression());
    }

    @Test
    void unknownSecurityProfileIsRejected() throws Exception {
        Document document = sample("pmodes.xml");
        firstLeg(document, "security").setAttribute("profile", "edelivery-1.10");

        SAXException rejected = assertThrows(SAXException.class, () -> validate(pmodes, document));
        assertTrue(rejected.getMessage().contains("edelivery-1.10"), rejected.getMessage());
    }

    static Stream<Arguments> brokenPmodes() {
        return Stream.of(
                Arguments.of("retry without a strategy",
                        (Consumer<Document>) d -> firstLeg(d, "receptionAwareness").setAttribute("retry", "60;5")),
                Arguments.of("blank action",
                        (Consumer<Document>) d -> firstLeg(d, "action").setTextContent("  ")),
                Arguments.of("leg without security",
                        (Consumer<Document>) d -> remove(firstLeg(d, "security"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPmodes")
    void brokenPmodeIsRejected(String broken, Consumer<Document> breakIt) throws Exception {
        Document document = sample("pmodes.xml");
        breakIt.accept(document);

        assertThrows(SAXException.class, () -> validate(pmodes, document));
    }

    @Test
    void twoLegsWithOneIdAreRejected() throws Exception {
        Document document = sample("pmodes.xml");
        leg(document, 1).setAttribute("id", "imi-request-leg");

        assertThrows(SAXException.class, () -> validate(pmodes, document));
    }

    private static Element leg(Document document, int index) {
        return (Element) document.getElementsByTagNameNS(PMODE, "leg").item(index);
    }

    private static Element firstLeg(Document document, String child) {
        return (Element) leg(document, 0).getElementsByTagNameNS(PMODE, child).item(0);
    }

    private static void remove(Element element) {
        element.getParentNode().removeChild(element);
    }
}
