package org.imigateway.as4.outflow;

import static org.imigateway.as4.EbmsErrorCode.CONNECTION_FAILURE;
import static org.imigateway.as4.EbmsErrorCode.INVALID_RECEIPT;
import static org.imigateway.as4.EbmsErrorCode.PROCESSING_MODE_MISMATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsError;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.ErrorSignalFactory;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.MessageSigner;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.ReceiptFactory;
import org.imigateway.xml.SecureXml;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.StepParties;
import org.imigateway.demo.DemoNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * VerifyReceipt: a receipt is accepted only when the receiver's certificate from the PModes
 * signed it, it refers to our MessageId and its NonRepudiationInformation repeats exactly the
 * digests we signed (else EBMS:0302); an ebMS error is reported as the receiver gave it.
 */
class VerifyReceiptTest {

    private static final StepParties PARTIES = StepParties.get();
    private static final String SOAP = "application/soap+xml; charset=UTF-8";
    private static OutboundMessage sent;
    private static List<Element> signed;
    private final VerifyReceipt step = new VerifyReceipt();

    @BeforeAll
    static void sendOne() throws Exception {
        sent = PARTIES.built(PARTIES.submission(DemoNetwork.ACTION).payload(PARTIES.binaryPayload(1024)).build());
        signed = new MessageSigner().sign(StepParties.envelope(sent), SecurityProfile.EDELIVERY_1_15, PARTIES.senderKeys,
                sent.workDir());
    }

    @Test
    void aReceiptSignedByTheReceiverRepeatingTheSentDigestsAcknowledgesTheMessage() throws Exception {
        SendResult result = verify(200, SOAP, receipt(sent.messageId(), signed, PARTIES.receiverKeys));

        assertInstanceOf(SendResult.Acknowledged.class, result, result::toString);
    }

    @Test
    void aReceiptForAnotherMessageIsRefusedWithEbms0302NamingIt() throws Exception {
        SendResult result = verify(200, SOAP, receipt("other@step", signed, PARTIES.receiverKeys));

        assertFailed(result, INVALID_RECEIPT, false, "'other@step'");
    }

    @Test
    void anUnsignedReceiptIsRefusedWithEbms0302() {
        byte[] unsigned = SecureXml.toBytes(ReceiptFactory.envelope(sent.messageId(), signed));

        assertFailed(verify(200, SOAP, unsigned), INVALID_RECEIPT, false, "not signed");
    }

    @Test
    void aReceiptSignedByAnotherPartyIsRefusedWithEbms0302() throws Exception {
        SendResult result = verify(200, SOAP, receipt(sent.messageId(), signed, PARTIES.senderKeys));

        assertFailed(result, INVALID_RECEIPT, false, "signature is not valid");
    }

    @Test
    void aReceiptWithAnotherDigestIsRefusedWithEbms0302NamingTheReference() throws Exception {
        List<Element> changed = copies(signed);
        Element attachment = changed.get(changed.size() - 1);
        Dom.child(attachment, Namespaces.DS, "DigestValue").orElseThrow()
                .setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        SendResult result = verify(200, SOAP, receipt(sent.messageId(), changed, PARTIES.receiverKeys));

        assertFailed(result, INVALID_RECEIPT, false, "digest for '" + attachment.getAttribute("URI") + "' differs");
    }

    @Test
    void aReceiptMissingADigestIsRefusedWithEbms0302NamingTheReference() throws Exception {
        List<Element> fewer = copies(signed);
        Element dropped = fewer.remove(fewer.size() - 1);

        SendResult result = verify(200, SOAP, receipt(sent.messageId(), fewer, PARTIES.receiverKeys));

        assertFailed(result, INVALID_RECEIPT, false, "no digest for '" + dropped.getAttribute("URI") + "'");
    }

    @Test
    void anEbmsErrorIsReportedWithTheReceiversCodeAndDetailAndIsFinal() {
        byte[] error = ErrorSignalFactory.create(EbmsError.of(PROCESSING_MODE_MISMATCH, "no leg for action 'X'")
                .about(sent.messageId()));

        assertFailed(verify(500, SOAP, error), PROCESSING_MODE_MISMATCH, false,
                "the receiver answered EBMS:0010", "no leg for action 'X'");
    }

    @Test
    void anEbmsErrorWithHttp503IsRetryable() {
        byte[] error = ErrorSignalFactory.create(EbmsError.of(EbmsErrorCode.OTHER, "busy, try again later")
                .about(sent.messageId()));

        assertFailed(verify(503, SOAP, error), EbmsErrorCode.OTHER, true, "busy");
    }

    @Test
    void aBusyReceiversRetryAfterReachesTheSendRoute() {
        byte[] error = ErrorSignalFactory.create(EbmsError.of(EbmsErrorCode.OTHER, "busy, try again later")
                .about(sent.messageId()));

        SendResult busy = step.verify(sent.messageId(), sent.leg(), sent.receiver(), signed,
                new HttpTransport.Response(503, SOAP, error, Optional.of(java.time.Duration.ofSeconds(7))),
                PARTIES.senderKeys, PARTIES.newFolder("verify-"));

        assertEquals(Optional.of(java.time.Duration.ofSeconds(7)), ((SendResult.Failed) busy).retryAfter());
        assertEquals(Optional.empty(), ((SendResult.Failed) verify(503, SOAP, error)).retryAfter());
    }

    @Test
    void anAnswerThatIsNoEbmsSignalFromAFailingServerIsAConnectionFailureToRetry() {
        byte[] html = "<html><body>Bad gateway</body></html>".getBytes(StandardCharsets.US_ASCII);

        assertFailed(verify(502, "text/html", html), CONNECTION_FAILURE, true, "HTTP 502", "text/html");
        assertFailed(verify(200, "text/html", html), INVALID_RECEIPT, false, "HTTP 200");
    }

    private SendResult verify(int status, String contentType, byte[] body) {
        return step.verify(sent.messageId(), sent.leg(), sent.receiver(), signed,
                new HttpTransport.Response(status, contentType, body), PARTIES.senderKeys, PARTIES.newFolder("verify-"));
    }

    private static byte[] receipt(String refToMessageId, List<Element> references, Cryptos signer) throws Exception {
        return new ReceiptFactory().create(refToMessageId, references, SecurityProfile.EDELIVERY_1_15, signer,
                PARTIES.newFolder("receipt-"));
    }

    private static List<Element> copies(List<Element> references) {
        List<Element> copies = new ArrayList<>();
        references.forEach(r -> copies.add((Element) r.cloneNode(true)));
        return copies;
    }

    private static void assertFailed(SendResult result, EbmsErrorCode code, boolean retryable, String... named) {
        SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, result, result::toString);
        String detail = failed.error().detail();
        assertEquals(code, failed.error().code(), detail);
        assertEquals(retryable, failed.retryable(), detail);
        for (String name : named) {
            assertTrue(detail.contains(name), () -> "the detail does not name '" + name + "': " + detail);
        }
    }
}
