package org.imigateway.as4;

import java.net.URL;

import javax.xml.validation.Schema;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;

import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.ebms3.Messaging;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import org.imigateway.xml.SecureXml;
/**
 * Reads and writes the eb:Messaging header with JAXB. Reading validates the element against
 * the ebMS 3.0 header schema first, so a malformed header is refused (EBMS:0009) with the
 * schema's own words about the field, before any value is trusted.
 */
public final class MessagingCodec {

    private static final JAXBContext CONTEXT;
    private static final Schema SCHEMA;

    // One pass: the unmarshaller validates against the schema while it reads the DOM (it was a
    // validation pass and then an unmarshalling pass). An Unmarshaller is not thread-safe and
    // making one with its validator costs a share of a per-cent of a message's CPU: one a thread.
    private static final ThreadLocal<Unmarshaller> READERS;

    static {
        ProviderProperties.setUnlessSet();
        try {
            CONTEXT = JAXBContext.newInstance(org.imigateway.schemas.ebms3.ObjectFactory.class);
            URL xsd = SchemaResources.class.getResource(SchemaResources.EBMS_HEADER);
            SCHEMA = SecureXml.schema(xsd);
            READERS = ThreadLocal.withInitial(MessagingCodec::newReader);
        } catch (JAXBException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Unmarshaller newReader() {
        try {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            unmarshaller.setSchema(SCHEMA);
            // Any error or fatal error of the schema ends the reading; a warning does not.
            unmarshaller.setEventHandler(event -> event.getSeverity() == ValidationEvent.WARNING);
            return unmarshaller;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot make the eb:Messaging reader", e);
        }
    }

    private MessagingCodec() {
    }

    public static Messaging read(Element messaging) throws EbmsException {
        Object value;
        try {
            value = READERS.get().unmarshal(messaging);
        } catch (UnmarshalException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e.getCause();
            if (cause instanceof SAXException invalid) {
                throw new EbmsException(EbmsErrorCode.INVALID_HEADER,
                        "eb:Messaging is not valid against the ebMS 3.0 schema: " + invalid.getMessage());
            }
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging cannot be read: " + describe(e), e);
        } catch (JAXBException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging cannot be read: " + describe(e), e);
        }
        if (value instanceof jakarta.xml.bind.JAXBElement<?> element) {
            value = element.getValue();
        }
        if (!(value instanceof Messaging header)) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging cannot be read: it is a "
                    + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        return header;
    }

    private static String describe(JAXBException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getLinkedException() != null ? String.valueOf(e.getLinkedException().getMessage()) : e.toString();
    }

    /** Appends the header to {@code parent} (the SOAP Header) and returns the new element. */
    public static Element write(Messaging messaging, Node parent) {
        try {
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.marshal(messaging, parent);
            Node last = parent.getLastChild();
            return (Element) last;
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write eb:Messaging", e);
        }
    }
}
