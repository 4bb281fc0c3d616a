package org.imigateway.discovery;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.apache.xml.security.Init;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.KeyInfo;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The check of an SMP answer's XML signature (OASIS SMP 1.0 section 3.6.2: an enveloped
 * signature over the whole document by the SMP's key): the one {@code ds:Signature} directly
 * under the root, one reference to the whole document ({@code URI=""}), so no part of the answer
 * can be unsigned; the signing certificate from its KeyInfo must chain to the SMP trust anchor.
 */
public final class SmpSignature {

    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

    static {
        Init.init();
    }

    private final ChainCheck smpAnchor;

    public SmpSignature(ChainCheck smpAnchor) {
        this.smpAnchor = smpAnchor;
    }

    /** Returns the SMP's signing certificate, or refuses the document naming what is wrong. */
    public X509Certificate verify(Document answer, String source, Instant now) throws DiscoveryException {
        Element signature = null;
        for (Node n = answer.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && DSIG.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName())) {
                if (signature != null) {
                    throw bad(source, "it holds more than one signature");
                }
                signature = e;
            }
        }
        if (signature == null) {
            throw bad(source, "it is not signed");
        }
        try {
            XMLSignature xml = new XMLSignature(signature, "", true);
            if (xml.getSignedInfo().getLength() != 1) {
                throw bad(source, "its signature has " + xml.getSignedInfo().getLength() + " references, not the one over the document");
            }
            Reference reference = xml.getSignedInfo().item(0);
            if (!reference.getURI().isEmpty()) {
                throw bad(source, "its signature covers '" + reference.getURI() + "', not the whole document");
            }
            KeyInfo keyInfo = xml.getKeyInfo();
            X509Certificate signer = keyInfo == null ? null : keyInfo.getX509Certificate();
            if (signer == null) {
                throw bad(source, "its signature carries no X.509 certificate");
            }
            Optional<String> refusal = smpAnchor.refusal(signer, now);
            if (refusal.isPresent()) {
                throw bad(source, "it is signed by a certificate the SMP trust anchor does not vouch for (" + refusal.get() + ")");
            }
            if (!xml.checkSignatureValue(signer)) {
                throw bad(source, "its signature does not verify (the answer was changed or signed with another key)");
            }
            return signer;
        } catch (XMLSecurityException e) {
            throw bad(source, "its signature cannot be checked: " + e.getMessage());
        }
    }

    private static DiscoveryException bad(String source, String why) {
        return new DiscoveryException(DiscoveryException.Cause.BAD_SIGNATURE, "SMP answer " + source + " refused: " + why);
    }
}
