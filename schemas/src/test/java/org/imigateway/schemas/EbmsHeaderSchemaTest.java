package org.imigateway.schemas;

import static org.imigateway.schemas.HardenedXml.DS;
import static org.imigateway.schemas.HardenedXml.EB;
import static org.imigateway.schemas.HardenedXml.sample;
import static org.imigateway.schemas.HardenedXml.single;
import static org.imigateway.schemas.HardenedXml.validate;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.xml.validation.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

class EbmsHeaderSchemaTest {

    private static Schema ebms;

    @BeforeAll
    static void loadSchemas() throws SAXException {
        // ebbp too, so that the lax wildcard of eb:Receipt validates what it knows
        ebms = HardenedXml.schema(SchemaResources.EBMS_HEADER, SchemaResources.EBBP_SIGNALS);
    }

    @Test
    void userMessageWithPartiesPropertiesAndPayloadsIsValid() throws Exception {
        Document message = sample("user-message.xml");

        assertDoesNotThrow(() -> validate(ebms, message));
    }

    @Test
    void receiptCarryingNonRepudiationInformationIsValid() throws Exception {
        Document receipt = sample("receipt.xml");

        assertDoesNotThrow(() -> validate(ebms, receipt));
    }

    @Test
    void errorSignalWithEveryAttributeIsValid() throws Exception {
        Document error = sample("error-signal.xml");

        assertDoesNotThrow(() -> validate(ebms, error));
    }

    @Test
    void userMessageWithoutMessageIdIsRejected() throws Exception {
        Document message = sample("user-message.xml");
        Element messageId = single(message, EB, "MessageId");
        messageId.getParentNode().removeChild(messageId);

        SAXException rejected = assertThrows(SAXException.class, () -> validate(ebms, message));
        assertTrue(rejected.getMessage().contains("MessageId"), rejected.getMessage());
    }

    @Test
    void userMessageWithEmptyMessageIdIsRejected() throws Exception {
        Document message = sample("user-message.xml");
        single(message, EB, "MessageId").setTextContent("");

        assertThrows(SAXException.class, () -> validate(ebms, message));
    }

    @Test
    void receiptWhoseReferenceLacksItsDigestIsRejected() throws Exception {
        Document receipt = sample("receipt.xml");
        Element digest = (Element) receipt.getElementsByTagNameNS(DS, "DigestValue").item(0);
        digest.getParentNode().removeChild(digest);

        SAXException rejected = assertThrows(SAXException.class, () -> validate(ebms, receipt));
        assertTrue(rejected.getMessage().contains("DigestValue"), rejected.getMessage());
    }

    @Test
    void errorWithoutErrorCodeIsRejected() throws Exception {
        Document error = sample("error-signal.xml");
        single(error, EB, "Error").removeAttribute("errorCode");

        SAXException rejected = assertThrows(SAXException.class, () -> validate(ebms, error));
        assertTrue(rejected.getMessage().contains("errorCode"), rejected.getMessage());
    }
}
