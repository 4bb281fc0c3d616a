package org.imigateway.cooperation.rendering;

import java.io.ByteArrayOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One self-contained XHTML page being written: the style is inline and nothing refers outside
 * the document (no scripts, links or images), so it reads the same offline and leaks nothing
 * when opened. Text goes through the StAX writer, which escapes markup: a free text holding
 * {@code <script>} comes out as characters, never as an element.
 */
final class XhtmlPage {

    static final String NAMESPACE = "http://www.w3.org/1999/xhtml";
    static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";

    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:50em;color:#111}"
            + "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.5em}"
            + "table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3em .6em;"
            + "border-bottom:1px solid #ccc}th{width:30%;font-weight:600}"
            + "p{margin:.2em 0}.note{font-size:.85em;font-style:italic;color:#555}.original{color:#333}"
            + "footer{margin-top:2em;font-size:.85em;color:#555}";

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter xml;

    XhtmlPage(String lang, String title) {
        try {
            xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.setDefaultNamespace(NAMESPACE);
            xml.writeStartElement(NAMESPACE, "html");
            xml.writeDefaultNamespace(NAMESPACE);
            lang(lang);
            start("head");
            xml.writeEmptyElement(NAMESPACE, "meta");
            xml.writeAttribute("charset", "UTF-8");
            element("title", title);
            element("style", STYLE);
            end();
            start("body");
            element("h1", title);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
    }

    /** Opens an element; {@code classes} gives it a class attribute. */
    XhtmlPage start(String name, String... classes) {
        try {
            xml.writeStartElement(NAMESPACE, name);
            if (classes.length > 0) {
                xml.writeAttribute("class", String.join(" ", classes));
            }
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
    }

    XhtmlPage end() {
        try {
            xml.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
    }

    XhtmlPage text(String text) {
        try {
            xml.writeCharacters(text);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
    }

    /** Marks the open element as written in {@code lang}, for XML and for HTML readers alike. */
    XhtmlPage lang(String lang) {
        try {
            xml.writeAttribute("lang", lang);
            xml.writeAttribute("xml", XML_NAMESPACE, "lang", lang);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
    }

    XhtmlPage attribute(String name, String value) {
        try {
            xml.writeAttribute(name, value);
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
    }

    XhtmlPage element(String name, String text, String... classes) {
        return start(name, classes).text(text).end();
    }

    /** The finished page: body and html closed, UTF-8 bytes. */
    byte[] finish(String footer) {
        element("footer", footer);
        try {
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XHTML writer failed", e);
        }
        return bytes.toByteArray();
    }
}
