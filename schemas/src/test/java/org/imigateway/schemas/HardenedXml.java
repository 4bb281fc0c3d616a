package org.imigateway.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Parsing and validation set up the way the gateway's hardened parsers are: no DTDs, no network. */
final class HardenedXml {

    static final String EB = "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/";
    static final String EBBP = "http://docs.oasis-open.org/ebxml-bp/ebbp-signals-2.0";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String PMODE = "urn:imigateway:pmode:1";

    private HardenedXml() {
    }

    static Schema schema(String... locations) throws SAXException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        // secure processing closes schema access entirely; imports are files beside the XSD
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
        Source[] sources = Arrays.stream(locations)
                .map(location -> new StreamSource(SchemaResources.url(location).toExternalForm()))
                .toArray(Source[]::new);
        return factory.newSchema(sources);
    }

    static void validate(Schema schema, Document document) throws SAXException, IOException {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.validate(new DOMSource(document));
    }

    static DocumentBuilderFactory documentBuilderFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        factory.setXIncludeAware(false);
        return factory;
    }

    static Document parse(InputStream in) throws Exception {
        return documentBuilderFactory().newDocumentBuilder().parse(in);
    }

    static Document sample(String name) throws Exception {
        try (InputStream in = HardenedXml.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return parse(in);
        }
    }

    /** The only element with this name in the document; fails the test if there are none or several. */
    static Element single(Document document, String namespace, String localName) {
        var found = document.getElementsByTagNameNS(namespace, localName);
        if (found.getLength() != 1) {
            throw new AssertionError(found.getLength() + " elements {" + namespace + "}" + localName);
        }
        return (Element) found.item(0);
    }
}
