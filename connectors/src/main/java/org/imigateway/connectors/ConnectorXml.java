package org.imigateway.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the connectors' small XML documents (a folder submission's {@code metadata.xml}) with the
 * same hardening as the gateway's parser: no DOCTYPE, no external entity, no XInclude (DESIGN
 * invariant 3); and helpers that name the element at fault.
 */
public final class ConnectorXml {

    /** Namespace of the connectors' metadata documents. */
    public static final String NS = "urn:imigateway:connectors:1.0";

    private ConnectorXml() {
    }

    public static Document parse(InputStream in, String what) throws SubmissionException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(in);
        } catch (SAXException e) {
            throw invalid(what + " is not well-formed XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw invalid(what + " cannot be read: " + e.getMessage());
        }
    }

    /** A refusal of malformed metadata: EBMS:0009 (the submission's header is not valid). */
    public static SubmissionException invalid(String detail) {
        return new SubmissionException("EBMS:0009", detail);
    }

    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    public static Optional<String> optionalText(Element parent, String name, String what) throws SubmissionException {
        List<Element> found = children(parent, name);
        if (found.size() > 1) {
            throw invalid(what + ": element <" + name + "> appears " + found.size() + " times, at most once allowed");
        }
        return found.stream().map(e -> e.getTextContent().trim()).findFirst();
    }

    public static String requiredText(Element parent, String name, String what) throws SubmissionException {
        String value = optionalText(parent, name, what).orElse("");
        if (value.isEmpty()) {
            throw invalid(what + ": element <" + name + "> is missing or empty");
        }
        return value;
    }

    public static Optional<String> attribute(Element element, String name) {
        return element.hasAttribute(name) ? Optional.of(element.getAttribute(name)) : Optional.empty();
    }

    public static String requiredAttribute(Element element, String name, String what) throws SubmissionException {
        String value = element.getAttribute(name).trim();
        if (value.isEmpty()) {
            throw invalid(what + ": <" + element.getLocalName() + "> has no attribute '" + name + "'");
        }
        return value;
    }
}
