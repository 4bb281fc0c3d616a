package org.imigateway.as4;

import java.util.List;
import java.util.Set;

import org.apache.wss4j.common.crypto.AlgorithmSuite;
import org.w3c.dom.Element;

import org.imigateway.pmode.SecurityProfile;
/**
 * The algorithm allow-list of a security profile. Checked twice: first by reading the security
 * header ourselves, so a refusal names the algorithm (EBMS:0103); then by WSS4J's
 * AlgorithmSuite while it processes, so nothing outside the list is ever executed.
 */
public final class AlgorithmPolicy {

    static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";
    static final String SWA_CONTENT_TRANSFORM = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Signature-Transform";
    static final String SWA_COMPLETE_TRANSFORM = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Complete-Signature-Transform";
    static final String SWA_CIPHERTEXT_TRANSFORM = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Ciphertext-Transform";
    static final String STR_TRANSFORM = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#STR-Transform";

    private final SecurityProfile profile;

    public AlgorithmPolicy(SecurityProfile profile) {
        this.profile = profile;
    }

    /** Fails with EBMS:0103 naming the first algorithm in the header that the profile does not allow. */
    public void check(Element securityHeader) throws EbmsException {
        for (Element method : Dom.descendants(securityHeader, Namespaces.DS, "SignatureMethod")) {
            require("signature algorithm", method, Set.of(profile.signatureAlgorithm()));
        }
        for (Element digest : Dom.descendants(securityHeader, Namespaces.DS, "DigestMethod")) {
            require("digest algorithm", digest, Set.of(profile.digestAlgorithm()));
        }
        for (Element key : Dom.descendants(securityHeader, Namespaces.XENC, "EncryptedKey")) {
            for (Element method : Dom.children(key, Namespaces.XENC, "EncryptionMethod")) {
                require(profile.keyAgreementAlgorithm().isPresent() ? "key wrap algorithm" : "key transport algorithm",
                        method, Set.of(profile.keyTransportAlgorithm()));
                for (Element mgf : Dom.children(method, XENC11, "MGF")) {
                    require("mask generation function", mgf, Set.of(profile.mgfAlgorithm()));
                }
            }
            List<Element> agreements = Dom.descendants(key, Namespaces.XENC, "AgreementMethod");
            if (profile.keyAgreementAlgorithm().isPresent() && agreements.isEmpty()) {
                throw new EbmsException(EbmsErrorCode.POLICY_NONCOMPLIANCE, "the content key is transported without"
                        + " key agreement, but this leg's security profile requires "
                        + profile.keyAgreementAlgorithm().get());
            }
            for (Element agreement : agreements) {
                require("key agreement algorithm", agreement, profile.keyAgreementAlgorithm().map(Set::of).orElse(Set.of()));
                for (Element derivation : Dom.descendants(agreement, XENC11, "KeyDerivationMethod")) {
                    require("key derivation algorithm", derivation,
                            profile.keyDerivationAlgorithm().map(Set::of).orElse(Set.of()));
                }
            }
        }
        for (Element data : Dom.descendants(securityHeader, Namespaces.XENC, "EncryptedData")) {
            for (Element method : Dom.children(data, Namespaces.XENC, "EncryptionMethod")) {
                require("content encryption algorithm", method, Set.of(profile.contentEncryptionAlgorithm()));
            }
        }
    }

    private static void require(String what, Element method, Set<String> allowed) throws EbmsException {
        String algorithm = method.getAttribute("Algorithm");
        if (!allowed.contains(algorithm)) {
            throw new EbmsException(EbmsErrorCode.POLICY_NONCOMPLIANCE, "the " + what + " " + algorithm
                    + " is not allowed by this leg's security profile"
                    + (allowed.isEmpty() ? ", which uses none" : ", which requires " + String.join(" or ", allowed)));
        }
    }

    /** The same list in WSS4J's terms, enforced while it verifies and decrypts. */
    public AlgorithmSuite suite() {
        AlgorithmSuite suite = new AlgorithmSuite();
        suite.addSignatureMethod(profile.signatureAlgorithm());
        suite.addDigestAlgorithm(profile.digestAlgorithm());
        suite.addC14nAlgorithm(SecurityProfile.C14N_EXCLUSIVE);
        for (String transform : List.of(SecurityProfile.C14N_EXCLUSIVE, SWA_CONTENT_TRANSFORM, SWA_COMPLETE_TRANSFORM,
                SWA_CIPHERTEXT_TRANSFORM, STR_TRANSFORM)) {
            suite.addTransformAlgorithm(transform);
        }
        suite.addEncryptionMethod(profile.contentEncryptionAlgorithm());
        suite.addKeyWrapAlgorithm(profile.keyTransportAlgorithm());
        profile.keyAgreementAlgorithm().ifPresent(suite::addKeyAgreementMethodAlgorithm);
        profile.keyDerivationAlgorithm().ifPresent(suite::addDerivedKeyAlgorithm);
        suite.setMinimumAsymmetricKeyLength(SecurityProfile.MINIMUM_RSA_KEY_BITS);
        suite.setMaximumAsymmetricKeyLength(8192);
        suite.setMinimumEllipticCurveKeyLength(SecurityProfile.MINIMUM_EC_KEY_BITS);
        suite.setMaximumEllipticCurveKeyLength(521);
        return suite;
    }
}
