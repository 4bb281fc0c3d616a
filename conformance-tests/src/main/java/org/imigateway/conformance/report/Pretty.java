package org.imigateway.conformance.report;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.imigateway.conformance.wire.Xml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Envelopes, receipts and errors as people read them: indented, tags and attribute names
 * highlighted. For display only; what was signed and sent is never touched. Text that is not
 * well-formed XML (a DOCTYPE, a MIME body, plain text) is shown as it came, highlighted alike.
 */
final class Pretty {

    private static final Pattern TAG = Pattern.compile("&lt;(/?)([A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\s)([A-Za-z_][\\w.:-]*)=&quot;");

    private Pretty() {
    }

    /** The XML indented and escaped for HTML, with spans around tag and attribute names. */
    static String xml(String text) {
        return highlight(HtmlReport.esc(indent(text)));
    }

    static String indent(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("<")) {
            return text;
        }
        try {
            Document doc = Xml.parse(trimmed.getBytes(StandardCharsets.UTF_8));
            dropBlankText(doc);
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString().strip();
        } catch (Exception e) {
            return text;
        }
    }

    private static void dropBlankText(Node node) {
        List<Node> blank = new ArrayList<>();
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE && child.getNodeValue().isBlank()) {
                blank.add(child);
            } else {
                dropBlankText(child);
            }
        }
        blank.forEach(node::removeChild);
    }

    private static String highlight(String escaped) {
        Matcher tags = TAG.matcher(escaped);
        String tagged = tags.replaceAll(m -> Matcher.quoteReplacement("&lt;" + m.group(1)
                + (m.group(2) == null ? "" : "<span class=\"ns\">" + m.group(2) + "</span>")
                + "<span class=\"tg\">" + m.group(3) + "</span>"));
        return ATTRIBUTE.matcher(tagged).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
                + "<span class=\"at\">" + m.group(2) + "</span>=&quot;"));
    }
}
