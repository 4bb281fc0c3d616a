package org.imigateway.as4.outflow;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.as4.Cryptos;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsError;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.MessagingCodec;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.MimeReader;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.as4.VerifiedSecurity;
import org.imigateway.pmode.Leg;
import org.imigateway.pmode.Party;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.SignalMessage;
import org.w3c.dom.Element;

/**
 * Reads the HTTP response of a send. An ebMS error is reported as the receiver gave it. A
 * receipt is accepted only when it is signed by the receiver's certificate from the PModes,
 * the signature covers its eb:Messaging and Body, it refers to our MessageId, and its
 * NonRepudiationInformation repeats exactly the digests we signed (else EBMS:0302).
 */
public final class VerifyReceipt {

    private final SecurityHeaderProcessor security = new SecurityHeaderProcessor();
    private final MimeReader reader = new MimeReader(16L * 1024 * 1024);

    public SendResult verify(String id, Leg leg, Party receiver, List<Element> sentReferences,
            HttpTransport.Response response, Cryptos cryptos, Path workDir) {
        SendResult result = check(id, leg, receiver, sentReferences, response, cryptos, workDir);
        // a receiver that is busy says when to come back: the next attempt waits at least that long
        if (result instanceof SendResult.Failed failed && failed.retryable() && response.retryAfter().isPresent()) {
            return new SendResult.Failed(id, failed.error(), true, response.retryAfter());
        }
        return result;
    }

    private SendResult check(String id, Leg leg, Party receiver, List<Element> sentReferences,
            HttpTransport.Response response, Cryptos cryptos, Path workDir) {
        MimeEnvelope envelope;
        Messaging messaging;
        Element messagingElement;
        try {
            envelope = reader.read(response.contentType(), new ByteArrayInputStream(response.body()), workDir);
            Element header = envelope.header();
            messagingElement = header == null ? null : Dom.child(header, Namespaces.EBMS, "Messaging").orElse(null);
            if (messagingElement == null) {
                return unreadable(id, response, "it has no eb:Messaging header");
            }
            messaging = MessagingCodec.read(messagingElement);
        } catch (EbmsException e) {
            return unreadable(id, response, e.error().detail());
        }
        if (messaging.getSignalMessages().isEmpty()) {
            return invalid(id, "the response holds no eb:SignalMessage");
        }
        SignalMessage signal = messaging.getSignalMessages().get(0);
        if (!signal.getErrors().isEmpty()) {
            var error = signal.getErrors().get(0);
            EbmsErrorCode code = EbmsErrorCode.fromCode(error.getErrorCode()).orElse(EbmsErrorCode.OTHER);
            String detail = error.getErrorDetail() != null ? error.getErrorDetail()
                    : error.getDescription() != null ? error.getDescription().getValue() : error.getShortDescription();
            return new SendResult.Failed(id, new EbmsError(code, "the receiver answered " + error.getErrorCode() + ": "
                    + detail, Optional.of(id)), response.status() == 503);
        }
        if (signal.getReceipt() == null) {
            return invalid(id, "the signal is neither a receipt nor an error");
        }
        if (!id.equals(signal.getMessageInfo().getRefToMessageId())) {
            return invalid(id, "the receipt refers to message '" + signal.getMessageInfo().getRefToMessageId()
                    + "', not to the one sent");
        }
        VerifiedSecurity verified;
        try {
            verified = security.process(envelope, leg.securityProfile(), cryptos,
                    receiver.signingCertificates(leg.securityProfile(), Instant.now()), workDir);
        } catch (EbmsException e) {
            return invalid(id, "the receipt's signature is not valid: " + e.error().detail());
        }
        if (!verified.signed()) {
            return invalid(id, "the receipt is not signed");
        }
        // during a rotation's overlap the partner may sign its receipt with the old or the new certificate
        if (!receiver.signingCertificates(leg.securityProfile(), Instant.now()).contains(verified.signer().orElseThrow())) {
            return invalid(id, "the receipt is signed by '" + verified.signer().get().getSubjectX500Principal().getName()
                    + "', not by the signing certificate of party '" + receiver.name() + "'");
        }
        if (verified.signedElements().stream().noneMatch(e -> e == messagingElement)) {
            return invalid(id, "the receipt's signature does not cover its eb:Messaging header");
        }
        Optional<String> mismatch = compareDigests(sentReferences, signal.getReceipt().getContent());
        if (mismatch.isPresent()) {
            return invalid(id, mismatch.get());
        }
        return new SendResult.Acknowledged(id, response.body());
    }

    /** Every reference we signed must come back with the same digest, and nothing else. */
    static Optional<String> compareDigests(List<Element> sent, List<Element> receiptContent) {
        Map<String, String> sentDigests = digests(sent);
        List<Element> nri = receiptContent.stream()
                .filter(e -> Namespaces.EBBP.equals(e.getNamespaceURI()) && "NonRepudiationInformation".equals(e.getLocalName()))
                .toList();
        if (nri.size() != 1) {
            return Optional.of("the receipt carries no ebbp:NonRepudiationInformation");
        }
        List<Element> received = Dom.descendants(nri.get(0), Namespaces.DS, "Reference");
        Map<String, String> receivedDigests = digests(received);
        for (Map.Entry<String, String> entry : sentDigests.entrySet()) {
            String got = receivedDigests.get(entry.getKey());
            if (got == null) {
                return Optional.of("the receipt has no digest for '" + entry.getKey() + "', which was signed");
            }
            if (!got.equals(entry.getValue())) {
                return Optional.of("the receipt's digest for '" + entry.getKey() + "' differs from the one sent");
            }
        }
        if (receivedDigests.size() != sentDigests.size()) {
            return Optional.of("the receipt lists " + receivedDigests.size() + " digests, but " + sentDigests.size()
                    + " parts were signed");
        }
        return Optional.empty();
    }

    private static Map<String, String> digests(List<Element> references) {
        Map<String, String> result = new HashMap<>();
        for (Element reference : references) {
            String value = Dom.child(reference, Namespaces.DS, "DigestValue").map(Element::getTextContent)
                    .map(v -> v.replaceAll("\\s", "")).orElse("");
            result.put(reference.getAttribute("URI"), value);
        }
        return result;
    }

    private static SendResult unreadable(String id, HttpTransport.Response response, String why) {
        boolean serverTrouble = response.status() >= 500 || response.status() == 429 || response.status() == 408;
        EbmsErrorCode code = serverTrouble ? EbmsErrorCode.CONNECTION_FAILURE : EbmsErrorCode.INVALID_RECEIPT;
        return new SendResult.Failed(id, new EbmsError(code, "HTTP " + response.status() + " response cannot be read as"
                + " an ebMS signal: " + why, Optional.of(id)), serverTrouble);
    }

    private static SendResult invalid(String id, String why) {
        return new SendResult.Failed(id, new EbmsError(EbmsErrorCode.INVALID_RECEIPT, why, Optional.of(id)), false);
    }
}
