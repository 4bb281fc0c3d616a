package org.imigateway.as4.inflow;

import static org.imigateway.as4.EbmsErrorCode.OTHER;
import static org.imigateway.as4.StepParties.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.imigateway.as4.Dom;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.Namespaces;
import org.imigateway.xml.SecureXml;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.StepParties;
import org.imigateway.as4.VerifiedSecurity;
import org.imigateway.as4.hostile.CraftedMessage;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.diff.Diff;

/**
 * CreateReceipt: a receipt for the MessageId, signed by this gateway under the leg's profile,
 * whose NonRepudiationInformation repeats each ds:Reference the sender signed.
 */
class CreateReceiptTest {

    private static final StepParties PARTIES = StepParties.get();
    private final CreateReceipt step = new CreateReceipt(PARTIES.receiverKeys);

    @Test
    void theReceiptRefersToTheMessageAndRepeatsEveryReferenceTheSenderSigned() throws Exception {
        CraftedMessage message = PARTIES.craft().payload(PARTIES.xmlPayload("<note xmlns=\"urn:hostile\">1</note>"))
                .payload(PARTIES.binaryPayload(512)).build();
        InboundContext context = Received.before(CreateReceipt.class, message);

        step.process(context);

        Document receipt = SecureXml.parse(context.receipt().orElseThrow());
        assertEquals(message.messageId(), Dom.descendants(receipt, Namespaces.EBMS, "RefToMessageId").get(0).getTextContent());
        Element nri = Dom.descendants(receipt, Namespaces.EBBP, "NonRepudiationInformation").get(0);
        List<Element> repeated = Dom.descendants(nri, Namespaces.DS, "Reference");
        List<Element> signed = context.security().signatureReferences();
        assertEquals(4, signed.size(), "eb:Messaging, Body and two attachments");
        assertEquals(signed.size(), repeated.size());
        for (int i = 0; i < signed.size(); i++) {
            Diff diff = DiffBuilder.compare(signed.get(i)).withTest(repeated.get(i)).ignoreWhitespace().checkForSimilar()
                    .build();
            assertFalse(diff.hasDifferences(), diff::toString);
        }
    }

    @Test
    void theReceiptIsSignedByThisGatewayOverItsMessagingHeader() throws Exception {
        InboundContext context = Received.before(CreateReceipt.class, PARTIES.craft().build());

        step.process(context);

        Document receipt = SecureXml.parse(context.receipt().orElseThrow());
        VerifiedSecurity security = new SecurityHeaderProcessor().process(new MimeEnvelope(receipt, List.of()),
                SecurityProfile.EDELIVERY_1_15, PARTIES.senderKeys, List.of(PARTIES.receiverSigning),
                PARTIES.newFolder("receipt-"));
        assertEquals(PARTIES.receiverSigning, security.signer().orElseThrow());
        Element messaging = Dom.descendants(receipt, Namespaces.EBMS, "Messaging").get(0);
        assertTrue(security.signedElements().stream().anyMatch(e -> e == messaging));
    }

    @Test
    void onAnEdDsaLegTheReceiptIsSignedWithEd25519() throws Exception {
        InboundContext context = Received.before(CreateReceipt.class,
                PARTIES.craft().action(DemoNetwork.ACTION_EDDSA).build());

        step.process(context);

        Document receipt = SecureXml.parse(context.receipt().orElseThrow());
        assertEquals(SecurityProfile.EDELIVERY_2_0_EDDSA.signatureAlgorithm(),
                Dom.descendants(receipt, Namespaces.DS, "SignatureMethod").get(0).getAttribute("Algorithm"));
    }

    @Test
    void aReceiptThatCannotBeSignedIsRefusedWithEbms0004() throws Exception {
        InboundContext context = Received.before(CreateReceipt.class,
                PARTIES.craft().action(DemoNetwork.ACTION_EDDSA).build());
        CreateReceipt withoutEdDsaKey = new CreateReceipt(PARTIES.receiverRsaKeysOnly);

        assertRefused(OTHER, () -> withoutEdDsaKey.process(context), "receipt cannot be signed");
    }
}
