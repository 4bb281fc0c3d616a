package org.imigateway.as4;

import java.time.Instant;

import org.imigateway.schemas.ebms3.Description;
import org.imigateway.schemas.ebms3.ErrorSignal;
import org.imigateway.schemas.ebms3.MessageInfo;
import org.imigateway.schemas.ebms3.Messaging;
import org.imigateway.schemas.ebms3.SignalMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import org.imigateway.xml.SecureXml;
/**
 * Makes the ebMS error signal answered in the HTTP response: eb:Error with code, short name,
 * severity, category, origin and the human detail, plus a SOAP Fault so that plain SOAP stacks
 * see the failure too.
 */
public final class ErrorSignalFactory {

    private ErrorSignalFactory() {
    }

    public static byte[] create(EbmsError error) {
        Messaging messaging = new Messaging();
        SignalMessage signal = new SignalMessage();
        MessageInfo info = new MessageInfo();
        info.setTimestamp(Timestamps.of(Instant.now()));
        info.setMessageId(MessageIds.newMessageId());
        error.refToMessageId().ifPresent(info::setRefToMessageId);
        signal.setMessageInfo(info);
        ErrorSignal e = new ErrorSignal();
        e.setErrorCode(error.code().code());
        e.setShortDescription(error.code().shortName());
        e.setSeverity(error.code().severity());
        e.setCategory(error.code().category());
        e.setOrigin("ebMS");
        error.refToMessageId().ifPresent(e::setRefToMessageInError);
        e.setErrorDetail(error.detail());
        Description description = new Description();
        description.setLang("en");
        description.setValue(error.detail());
        e.setDescription(description);
        signal.getErrors().add(e);
        messaging.getSignalMessages().add(signal);

        Document soap = SoapEnvelopes.withMessaging(messaging);
        Element body = Dom.child(soap.getDocumentElement(), Namespaces.SOAP12, "Body").orElseThrow();
        Element fault = soap.createElementNS(Namespaces.SOAP12, "S12:Fault");
        Element code = soap.createElementNS(Namespaces.SOAP12, "S12:Code");
        Element value = soap.createElementNS(Namespaces.SOAP12, "S12:Value");
        value.setTextContent(isSenderFault(error.code()) ? "S12:Sender" : "S12:Receiver");
        code.appendChild(value);
        Element reason = soap.createElementNS(Namespaces.SOAP12, "S12:Reason");
        Element text = soap.createElementNS(Namespaces.SOAP12, "S12:Text");
        text.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:lang", "en");
        text.setTextContent(error.toString());
        reason.appendChild(text);
        fault.appendChild(code);
        fault.appendChild(reason);
        body.appendChild(fault);
        return SecureXml.toBytes(soap);
    }

    private static boolean isSenderFault(EbmsErrorCode code) {
        return code != EbmsErrorCode.OTHER && code != EbmsErrorCode.DELIVERY_FAILURE;
    }
}
