package org.imigateway.as4;

import java.net.URL;

import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

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

    // A Validator is neither thread-safe nor cheap to make (a share of a per-cent of a message's
    // CPU); each thread keeps one and resets it after use.
    private static final ThreadLocal<Validator> VALIDATORS;

    static {
        ProviderProperties.setUnlessSet();
        try {
            CONTEXT = JAXBContext.newInstance(org.imigateway.schemas.ebms3.ObjectFactory.class);
            URL xsd = SchemaResources.class.getResource(SchemaResources.EBMS_HEADER);
            SCHEMA = SecureXml.schema(xsd);
            VALIDATORS = ThreadLocal.withInitial(SCHEMA::newValidator);
        } catch (JAXBException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private MessagingCodec() {
    }

    public static Messaging read(Element messaging) throws EbmsException {
        Validator validator = VALIDATORS.get();
        try {
            validator.validate(new DOMSource(messaging));
        } catch (SAXException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging is not valid against the ebMS 3.0 schema: "
                    + e.getMessage());
        } catch (java.io.IOException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging cannot be read", e);
        } finally {
            validator.reset(); // back to its state when new, holding nothing of this message
        }
        try {
            Object value = CONTEXT.createUnmarshaller().unmarshal(messaging);
            if (value instanceof jakarta.xml.bind.JAXBElement<?> element) {
                value = element.getValue();
            }
            return (Messaging) value;
        } catch (JAXBException | ClassCastException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:Messaging cannot be read: " + e.getMessage(), e);
        }
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
