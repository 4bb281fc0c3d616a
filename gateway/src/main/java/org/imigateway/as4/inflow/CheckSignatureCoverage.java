package org.imigateway.as4.inflow;

import java.util.HashSet;
import java.util.Set;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.VerifiedSecurity;
import org.w3c.dom.Element;

/**
 * Stops signature wrapping: a valid signature proves nothing unless it covers exactly the
 * elements we act on. The one signature must cover the very eb:Messaging element that was
 * read, the very SOAP Body, and every attachment; and when the leg encrypts, every attachment
 * must have arrived encrypted.
 */
public final class CheckSignatureCoverage implements InboundStep {

    @Override
    public void process(InboundContext context) throws EbmsException {
        VerifiedSecurity security = context.security();
        if (!security.signed()) {
            return;
        }
        if (security.signatureCount() != 1) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "the security header holds "
                    + security.signatureCount() + " signatures; exactly one is expected");
        }
        if (!coversNode(security, context.messagingElement())) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION,
                    "the signature does not cover the eb:Messaging header that was received");
        }
        if (!coversNode(security, context.envelope().body())) {
            throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION,
                    "the signature does not cover the SOAP Body of this envelope");
        }
        Set<String> attachments = new HashSet<>();
        for (As4Part part : context.envelope().parts()) {
            attachments.add(part.contentId());
            if (!security.signedAttachments().contains(part.contentId())) {
                throw new EbmsException(EbmsErrorCode.FAILED_AUTHENTICATION, "attachment " + part.href()
                        + " is not covered by the signature");
            }
            if (context.leg().encrypt() && !security.encryptedAttachments().contains(part.contentId())) {
                throw new EbmsException(EbmsErrorCode.POLICY_NONCOMPLIANCE, "attachment " + part.href()
                        + " is not encrypted, but leg '" + context.leg().id() + "' requires encryption");
            }
        }
        for (String signed : security.signedAttachments()) {
            if (!attachments.contains(signed)) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "the signature references attachment cid:"
                        + signed + ", which the message does not carry");
            }
        }
    }

    private static boolean coversNode(VerifiedSecurity security, Element element) {
        if (element == null) {
            return false;
        }
        for (Element signed : security.signedElements()) {
            if (signed == element) {
                return true;
            }
        }
        return false;
    }
}
