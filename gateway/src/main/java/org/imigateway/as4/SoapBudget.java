package org.imigateway.as4;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the SOAP part once through a StAX reader before any DOM is built, counting what a DOM
 * would have to hold. A 4 MB envelope of a million sibling elements is under the size and depth
 * limits but costs a DOM 100 MB and more of heap; here it costs a few kilobytes and is refused
 * at the first element over the count. Each refusal is EBMS:0009 naming the limit and its value.
 */
public final class SoapBudget {

    // The JDK's own StAX reader (not whichever the classpath's service files name), hardened as
    // SecureXml's DOM parser is; a configured factory is safe to share between threads.
    private static final XMLInputFactory FACTORY = newFactory();

    private SoapBudget() {
    }

    /** What a SOAP part uses of each limit; {@link #check} answers it for a part within all of them. */
    public record Usage(int elements, int maxAttributes, int maxNameLength, int maxTextLength, int namespaces, int maxDepth) {
    }

    /** Checks the SOAP part against the limits; the first limit broken refuses it. */
    public static Usage check(byte[] soap, ParseLimits limits) throws EbmsException {
        if (soap.length > limits.soapMaxBytes()) {
            throw over("is " + soap.length + " bytes", ParseLimits.SOAP_MAX_BYTES, limits.soapMaxBytes());
        }
        return check(new ByteArrayInputStream(soap), limits);
    }

    /** Checks a SOAP part whose size the caller has already bounded by limits.soap.maxBytes. */
    public static Usage check(InputStream soap, ParseLimits limits) throws EbmsException {
        Counter counter = new Counter(limits);
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(soap);
            while (reader.hasNext()) {
                counter.event(reader.next(), reader);
            }
            return counter.usage();
        } catch (XMLStreamException e) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP envelope is not acceptable XML: " + describe(e), e);
        } finally {
            close(reader);
        }
    }

    /** Counts as the reader moves; text split over several events counts as one node, as in a DOM. */
    private static final class Counter {
        private final ParseLimits limits;
        private int elements;
        private int depth;
        private int namespaces;
        private int textLength;
        private int maxAttributes;
        private int maxNameLength;
        private int maxTextLength;
        private int maxDepth;

        Counter(ParseLimits limits) {
            this.limits = limits;
        }

        void event(int type, XMLStreamReader reader) throws EbmsException {
            switch (type) {
                case XMLStreamConstants.START_ELEMENT -> {
                    endText();
                    startElement(reader);
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    endText();
                    depth--;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text(reader.getTextLength());
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                    // a DOM node each, as costly as an element: a million empty comments must not pass
                    endText();
                    node();
                    text(type == XMLStreamConstants.COMMENT ? reader.getTextLength() : 0);
                    endText();
                }
                case XMLStreamConstants.DTD -> throw new EbmsException(EbmsErrorCode.INVALID_HEADER,
                        "the SOAP envelope has a DOCTYPE declaration; DTDs are refused");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new EbmsException(EbmsErrorCode.INVALID_HEADER,
                        "the SOAP envelope refers to the undeclared entity '" + reader.getLocalName() + "'");
                default -> endText();
            }
        }

        private void startElement(XMLStreamReader reader) throws EbmsException {
            node();
            depth++;
            maxDepth = Math.max(maxDepth, depth);
            if (depth > limits.soapMaxDepth()) {
                throw over("nests elements deeper than " + limits.soapMaxDepth(), ParseLimits.SOAP_MAX_DEPTH,
                        limits.soapMaxDepth());
            }
            name(reader.getPrefix(), reader.getLocalName());
            int attributes = reader.getAttributeCount();
            maxAttributes = Math.max(maxAttributes, attributes);
            if (attributes > limits.soapMaxAttributes()) {
                throw over("has an element with " + attributes + " attributes", ParseLimits.SOAP_MAX_ATTRIBUTES,
                        limits.soapMaxAttributes());
            }
            for (int i = 0; i < attributes; i++) {
                name(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
                value(reader.getAttributeValue(i).length());
            }
            int declared = reader.getNamespaceCount();
            namespaces += declared;
            if (namespaces > limits.soapMaxNamespaces()) {
                throw over("has more than " + limits.soapMaxNamespaces() + " namespace declarations",
                        ParseLimits.SOAP_MAX_NAMESPACES, limits.soapMaxNamespaces());
            }
            for (int i = 0; i < declared; i++) {
                String prefix = reader.getNamespacePrefix(i);
                name(prefix == null ? null : "xmlns", prefix == null ? "xmlns" : prefix);
                value(reader.getNamespaceURI(i).length());
            }
        }

        private void node() throws EbmsException {
            elements++;
            if (elements > limits.soapMaxElements()) {
                throw over("has more than " + limits.soapMaxElements() + " elements", ParseLimits.SOAP_MAX_ELEMENTS,
                        limits.soapMaxElements());
            }
        }

        private void name(String prefix, String localName) throws EbmsException {
            int length = localName.length() + (prefix == null || prefix.isEmpty() ? 0 : prefix.length() + 1);
            maxNameLength = Math.max(maxNameLength, length);
            if (length > limits.soapMaxNameLength()) {
                throw over("has a name of " + length + " characters", ParseLimits.SOAP_MAX_NAME_LENGTH,
                        limits.soapMaxNameLength());
            }
        }

        private void value(int length) throws EbmsException {
            maxTextLength = Math.max(maxTextLength, length);
            if (length > limits.soapMaxTextLength()) {
                throw over("has an attribute value of " + length + " characters", ParseLimits.SOAP_MAX_TEXT_LENGTH,
                        limits.soapMaxTextLength());
            }
        }

        private void text(int length) throws EbmsException {
            textLength += length;
            maxTextLength = Math.max(maxTextLength, textLength);
            if (textLength > limits.soapMaxTextLength()) {
                throw over("has a text of more than " + limits.soapMaxTextLength() + " characters",
                        ParseLimits.SOAP_MAX_TEXT_LENGTH, limits.soapMaxTextLength());
            }
        }

        private void endText() {
            textLength = 0;
        }

        Usage usage() {
            return new Usage(elements, maxAttributes, maxNameLength, maxTextLength, namespaces, maxDepth);
        }
    }

    private static EbmsException over(String what, String key, long limit) {
        return new EbmsException(EbmsErrorCode.INVALID_HEADER, "the SOAP part " + what + "; this gateway's limit "
                + key + " is " + limit);
    }

    private static String describe(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Message: ");
        String text = start >= 0 ? message.substring(start + "Message: ".length()) : message;
        Location where = e.getLocation();
        return where == null ? text : "line " + where.getLineNumber() + ", column " + where.getColumnNumber() + ": " + text;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // nothing held but the byte array the caller owns
            }
        }
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return factory;
    }
}
