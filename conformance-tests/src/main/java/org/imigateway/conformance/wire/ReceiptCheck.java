package org.imigateway.conformance.wire;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.w3c.dom.Element;

/**
 * Checks a receipt as the AS4 profile's non-repudiation of receipt requires: it refers to the
 * message sent, it is signed by the target's signing certificate with the profile's algorithms,
 * the signature covers its eb:Messaging, and its ebbp:NonRepudiationInformation repeats exactly
 * the digests of what the suite signed.
 */
public final class ReceiptCheck {

    static {
        WssSetup.ensure();
    }

    private final X509Certificate targetSigning;
    private final String signatureAlgorithm;
    private final String algorithmName;
    private final Merlin verification;

    public ReceiptCheck(X509Certificate targetSigning, List<X509Certificate> anchors) {
        this(targetSigning, anchors, Ns.RSA_SHA256, "RSA-SHA256");
    }

    /** A check for receipts of a leg whose profile signs with {@code signatureAlgorithm} (AS4 2.0: Ed25519 or ECDSA). */
    public ReceiptCheck(X509Certificate targetSigning, List<X509Certificate> anchors, String signatureAlgorithm,
            String algorithmName) {
        this.targetSigning = targetSigning;
        this.signatureAlgorithm = signatureAlgorithm;
        this.algorithmName = algorithmName;
        this.verification = TargetTrust.verification(targetSigning, anchors);
    }

    /** Empty when the receipt is good; otherwise why it is not. */
    public Optional<String> problem(Signal signal, Composed sent) {
        if (!signal.receipt()) {
            return Optional.of("expected a receipt, got " + signal.describe());
        }
        if (!signal.refToMessageId().equals(Optional.of(sent.messageId()))) {
            return Optional.of("the receipt refers to " + signal.refToMessageId().orElse("no message")
                    + ", not to " + sent.messageId());
        }
        Element messaging = signal.messaging().orElseThrow();
        Optional<Element> security = Xml.child((Element) messaging.getParentNode(), Ns.WSSE, "Security");
        if (security.isEmpty()) {
            return Optional.of("the receipt is not signed: its SOAP header has no wsse:Security");
        }
        Optional<Element> signatureMethod = Xml.descendants(security.get(), Ns.DS, "SignatureMethod").stream().findFirst();
        String algorithm = signatureMethod.map(e -> e.getAttribute("Algorithm")).orElse("");
        if (!signatureAlgorithm.equals(algorithm)) {
            return Optional.of("the receipt is signed with '" + algorithm + "', not " + algorithmName);
        }
        WSHandlerResult results;
        try {
            RequestData data = new RequestData();
            data.setWssConfig(WSSConfig.getNewInstance());
            data.setSigVerCrypto(verification);
            data.setEnableRevocation(false);
            results = new WSSecurityEngine().processSecurityHeader(signal.soap(), data);
        } catch (WSSecurityException e) {
            return Optional.of("the receipt's signature does not verify with the target's signing certificate: "
                    + e.getMessage());
        }
        boolean coversMessaging = false;
        X509Certificate signer = null;
        for (WSSecurityEngineResult result : results.getResults()) {
            if (Integer.valueOf(WSConstants.SIGN).equals(result.get(WSSecurityEngineResult.TAG_ACTION))) {
                signer = (X509Certificate) result.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
                @SuppressWarnings("unchecked")
                List<WSDataRef> refs = (List<WSDataRef>) result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
                coversMessaging |= refs != null && refs.stream().anyMatch(r -> r.getProtectedElement() == messaging);
            }
        }
        if (signer == null) {
            return Optional.of("the receipt carries a security header but no signature");
        }
        if (!signer.equals(targetSigning)) {
            return Optional.of("the receipt is signed by '" + signer.getSubjectX500Principal() + "', not by the target's"
                    + " signing certificate '" + targetSigning.getSubjectX500Principal() + "'");
        }
        if (!coversMessaging) {
            return Optional.of("the receipt's signature does not cover its eb:Messaging header");
        }
        return digestsProblem(sent.signedReferences(), messaging);
    }

    /** Every reference the suite signed must come back with the same digest, and nothing else. */
    static Optional<String> digestsProblem(List<Element> sent, Element messaging) {
        List<Element> nri = Xml.descendants(messaging, Ns.EBBP, "NonRepudiationInformation");
        if (nri.size() != 1) {
            return Optional.of("the receipt carries no ebbp:NonRepudiationInformation");
        }
        Map<String, String> expected = digests(sent);
        Map<String, String> received = digests(Xml.descendants(nri.get(0), Ns.DS, "Reference"));
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String got = received.get(entry.getKey());
            if (got == null) {
                return Optional.of("the receipt's NonRepudiationInformation has no digest for '" + entry.getKey()
                        + "', which the suite signed");
            }
            if (!got.equals(entry.getValue())) {
                return Optional.of("the receipt's digest for '" + entry.getKey() + "' is " + got + ", but the suite signed "
                        + entry.getValue());
            }
        }
        if (received.size() != expected.size()) {
            return Optional.of("the receipt lists " + received.size() + " digests, but the suite signed "
                    + expected.size() + " parts");
        }
        return Optional.empty();
    }

    private static Map<String, String> digests(List<Element> references) {
        Map<String, String> result = new HashMap<>();
        for (Element reference : references) {
            result.put(reference.getAttribute("URI"),
                    Xml.text(reference, Ns.DS, "DigestValue").orElse("").replaceAll("\\s", ""));
        }
        return result;
    }
}
