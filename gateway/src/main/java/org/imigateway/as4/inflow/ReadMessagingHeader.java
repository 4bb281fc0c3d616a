package org.imigateway.as4.inflow;

import java.util.List;

import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.as4.MessagingCodec;
import org.imigateway.as4.Namespaces;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.UserMessage;
import org.w3c.dom.Element;

/**
 * Finds the one eb:Messaging header, checks it against the ebMS schema and reads it. This
 * gateway receives One-Way/Push user messages; signals arrive in HTTP responses instead.
 */
public final class ReadMessagingHeader implements InboundStep {

    @Override
    public void process(InboundContext context) throws EbmsException {
        Element header = context.envelope().header();
        if (header == null) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP envelope has no Header, so no eb:Messaging");
        }
        List<Element> found = Dom.children(header, Namespaces.EBMS, "Messaging");
        if (found.isEmpty()) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP Header has no eb:Messaging element");
        }
        if (found.size() > 1) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP Header has " + found.size()
                    + " eb:Messaging elements; exactly one is allowed");
        }
        Messaging messaging = MessagingCodec.read(found.get(0));
        if (!messaging.getSignalMessages().isEmpty()) {
            throw new EbmsException(EbmsErrorCode.FEATURE_NOT_SUPPORTED, "eb:SignalMessage received as a request; this"
                    + " gateway uses One-Way/Push and takes receipts and errors only in HTTP responses");
        }
        if (messaging.getUserMessages().size() != 1) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging holds " + messaging.getUserMessages().size()
                    + " eb:UserMessage elements; exactly one is expected");
        }
        UserMessage user = messaging.getUserMessages().get(0);
        if (user.getMpc() != null && !user.getMpc().equals(Namespaces.DEFAULT_MPC)) {
            throw new EbmsException(EbmsErrorCode.VALUE_NOT_RECOGNIZED, "eb:UserMessage/@mpc '" + user.getMpc()
                    + "' is not known here; only the default MPC is served");
        }
        context.header(found.get(0), messaging, user);
    }
}
