package org.imigateway.cooperation.rendering;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reading a parsed rendering in tests: the texts of its elements of one name, its elements of one class. */
public final class XhtmlPages {

    public static final String XHTML = "http://www.w3.org/1999/xhtml";
    public static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private XhtmlPages() {
    }

    public static List<String> texts(Document page, String element) {
        NodeList nodes = page.getElementsByTagNameNS(XHTML, element);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    public static List<Element> byClass(Document page, String cssClass) {
        NodeList nodes = page.getElementsByTagNameNS("*", "*");
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }
}
