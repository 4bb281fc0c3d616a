package org.imigateway.as4;

import java.security.Principal;
import java.security.cert.X509Certificate;

import org.apache.wss4j.common.crypto.AlgorithmSuite;
import org.apache.wss4j.common.crypto.AlgorithmSuiteValidator;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.util.KeyUtils;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.str.STRParser.REFERENCE_TYPE;
import org.apache.wss4j.dom.str.STRParserParameters;
import org.apache.wss4j.dom.str.STRParserResult;
import org.apache.wss4j.dom.str.SignatureSTRParser;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;
import org.w3c.dom.Element;

/**
 * The X.509 certificate a ds:Signature names in its KeyInfo, resolved by WSS4J's own
 * SecurityTokenReference parser and checked by the request's signature validator (trust path,
 * validity dates, revocation, allowed subjects) and key-size rules. AS4 signs with an X.509
 * certificate referenced from a wsse:SecurityTokenReference (WSS X.509 token profile), so a
 * KeyInfo of any other kind is refused rather than half supported.
 */
record SigningCredential(X509Certificate[] chain, Principal principal, REFERENCE_TYPE referenceType,
        Credential validated) {

    static SigningCredential of(Element signature, RequestData data) throws WSSecurityException {
        Element reference = securityTokenReference(signature);
        STRParserParameters parameters = new STRParserParameters();
        parameters.setData(data);
        parameters.setStrElement(reference);
        String signatureMethod = Dom.child(signature, Namespaces.DS, "SignedInfo")
                .flatMap(info -> Dom.child(info, Namespaces.DS, "SignatureMethod"))
                .map(method -> method.getAttributeNS(null, "Algorithm")).orElse("");
        if (!signatureMethod.isEmpty()) {
            parameters.setDerivationKeyLength(KeyUtils.getKeyLength(signatureMethod));
        }
        STRParserResult parsed = new SignatureSTRParser().parseSecurityTokenReference(parameters);
        X509Certificate[] chain = parsed.getCertificates();
        if (chain == null || chain.length == 0 || chain[0] == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.SECURITY_TOKEN_UNAVAILABLE);
        }
        // Validated even when the token was already checked as a BinarySecurityToken: one more
        // trust-path check costs little and leaves no path that skips it.
        Credential credential = new Credential();
        credential.setCertificates(chain);
        credential.setPublicKey(parsed.getPublicKey());
        credential.setPrincipal(parsed.getPrincipal());
        Validator validator = data.getValidator(WSConstants.SIGNATURE);
        if (validator == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        Credential validated = validator.validate(credential, data);
        AlgorithmSuite suite = data.getAlgorithmSuite();
        if (suite != null) {
            new AlgorithmSuiteValidator(suite).checkAsymmetricKeyLength(chain);
        }
        return new SigningCredential(chain, parsed.getPrincipal(), parsed.getCertificatesReferenceType(), validated);
    }

    /** BSP R5402 and R5417: KeyInfo holds exactly one child, a wsse:SecurityTokenReference. */
    private static Element securityTokenReference(Element signature) throws WSSecurityException {
        Element keyInfo = Dom.child(signature, Namespaces.DS, "KeyInfo").orElseThrow(
                () -> new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY, "unsupportedKeyInfo"));
        java.util.List<Element> children = Dom.childElements(keyInfo);
        if (children.size() != 1 || !Namespaces.WSSE.equals(children.get(0).getNamespaceURI())
                || !"SecurityTokenReference".equals(children.get(0).getLocalName())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY, "unsupportedKeyInfo");
        }
        return children.get(0);
    }
}
