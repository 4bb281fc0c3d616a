package org.imigateway.xml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URL;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one place XML parsers are made. Every parser refuses DOCTYPE declarations, so no DTD,
 * external entity or entity expansion is ever processed (the classic XXE and billion-laughs
 * attacks), and XInclude is off. Size and depth limits cap what a hostile sender can make us
 * allocate; the SOAP part is small in AS4 because payloads travel as attachments.
 */
public final class SecureXml {

    /** Largest SOAP envelope we parse; AS4 keeps payloads out of the envelope. */
    public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;
    /** Deepest nesting the DOM parser accepts, whatever limits.soap.maxDepth says. */
    public static final int MAX_ELEMENT_DEPTH = 64;

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SecureXml::newBuilder);
    // TransformerFactory.newInstance() scans the classpath's service files on every call (about
    // 4 % of a 10 KB message's CPU, three serialisations a message); a factory is not thread-safe,
    // so each thread keeps one, made with the same hardened settings.
    private static final ThreadLocal<TransformerFactory> TRANSFORMER_FACTORIES =
            ThreadLocal.withInitial(SecureXml::newTransformerFactory);
    // The same for SAX: newInstance() scans the service files and each setFeature builds a parser to
    // try the feature on, six parsers a call; the configured factory makes one (2 % of an alert's
    // fan-out CPU went to this in the payload-schema check).
    private static final ThreadLocal<javax.xml.parsers.SAXParserFactory> SAX_FACTORIES =
            ThreadLocal.withInitial(SecureXml::newSaxFactory);

    private SecureXml() {
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_ELEMENT_DEPTH));
            factory.setAttribute("jdk.xml.entityExpansionLimit", "0");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    /** Parses a document; a DOCTYPE, an oversized or malformed document is refused. */
    public static Document parse(InputStream in) throws IOException, SAXException {
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entity refused: " + systemId);
        });
        builder.setErrorHandler(null);
        return builder.parse(new LimitedInputStream(in, MAX_ENVELOPE_BYTES, "XML document"));
    }

    public static Document parse(byte[] bytes) throws IOException, SAXException {
        return parse(new java.io.ByteArrayInputStream(bytes));
    }

    public static Document parse(String xml) throws IOException, SAXException {
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        return builder.parse(new InputSource(new StringReader(xml)));
    }

    public static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    /**
     * A streaming (SAX) reader with the same refusals as the DOM parser: no DOCTYPE, no external
     * entity, no XInclude. For callers that want each event's line, e.g. to validate with a
     * {@link javax.xml.validation.ValidatorHandler} and name where each problem is.
     */
    public static org.xml.sax.XMLReader newSaxReader() throws SAXException {
        try {
            org.xml.sax.XMLReader reader = SAX_FACTORIES.get().newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return reader;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK SAX parser lacks a required security feature", e);
        }
    }

    private static javax.xml.parsers.SAXParserFactory newSaxFactory() {
        try {
            javax.xml.parsers.SAXParserFactory factory = javax.xml.parsers.SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK SAX parser lacks a required security feature", e);
        }
    }

    /** A schema factory that loads imports only from the classpath or local files, never the network. */
    public static Schema schema(URL xsd) throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar,jrt");
        return factory.newSchema(xsd);
    }

    /** Describes a parse error with its line and column, for error details a human can act on. */
    public static String describe(SAXException e) {
        if (e instanceof SAXParseException p) {
            return "line " + p.getLineNumber() + ", column " + p.getColumnNumber() + ": " + p.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    public static void write(Node node, OutputStream out) {
        try {
            Transformer transformer = TRANSFORMER_FACTORIES.get().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, node instanceof Document ? "no" : "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(node), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise XML", e);
        }
    }

    public static byte[] toBytes(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(node, out);
        return out.toByteArray();
    }

    public static String toString(Node node) {
        return new String(toBytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static TransformerFactory newTransformerFactory() {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            return factory;
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException("the JDK XML transformer lacks a required security feature", e);
        }
    }
}
