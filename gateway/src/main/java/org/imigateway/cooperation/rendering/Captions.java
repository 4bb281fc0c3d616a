package org.imigateway.cooperation.rendering;

import java.io.IOException;
import java.io.InputStream;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.imigateway.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The fixed words of a rendering ("Answer by", "Question", "untranslated, original in ..."), in
 * the 26 languages, from the resource {@value #RESOURCE}. Names of languages come from the
 * JDK's locale data (CLDR), which has every one of the 26 in every one of the 26.
 */
public final class Captions {

    static final String RESOURCE = "/rendering/captions.xml";

    private final Map<String, Map<String, String>> byKey;

    private Captions(Map<String, Map<String, String>> byKey) {
        this.byKey = byKey;
    }

    /** The captions shipped with the gateway. */
    public static Captions shipped() {
        try (InputStream in = Captions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the gateway");
            }
            Document xml = SecureXml.parse(in);
            Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
            NodeList captions = xml.getDocumentElement().getElementsByTagName("caption");
            for (int i = 0; i < captions.getLength(); i++) {
                Element caption = (Element) captions.item(i);
                Map<String, String> texts = new LinkedHashMap<>();
                NodeList lines = caption.getElementsByTagName("text");
                for (int j = 0; j < lines.getLength(); j++) {
                    Element text = (Element) lines.item(j);
                    texts.put(text.getAttribute("lang"), text.getTextContent());
                }
                byKey.put(caption.getAttribute("key"), Map.copyOf(texts));
            }
            return new Captions(Map.copyOf(byKey));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("resource " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Set<String> keys() {
        return byKey.keySet();
    }

    /** The languages {@code key} has a text in. */
    public Set<String> languages(String key) {
        return byKey.getOrDefault(key, Map.of()).keySet();
    }

    /** The caption in {@code lang}; English where a language lacks it (CaptionsTest keeps that from happening). */
    public String text(String key, String lang) {
        Map<String, String> texts = byKey.get(key);
        if (texts == null) {
            throw new IllegalArgumentException("no caption '" + key + "' in " + RESOURCE);
        }
        String text = texts.getOrDefault(lang, texts.get("en"));
        if (text == null) {
            throw new IllegalArgumentException("caption '" + key + "' has no text in " + lang + " nor en");
        }
        return text;
    }

    /** A caption with its {0} filled in. */
    public String format(String key, String lang, String value) {
        return new MessageFormat(text(key, lang).replace("'", "''"), Locale.forLanguageTag(lang)).format(new Object[] {value});
    }

    /** "Lettisch (lv)": the language's name in the reader's language, and its code for the unambiguous record. */
    public static String languageName(String lang, String readerLang) {
        return Locale.forLanguageTag(lang).getDisplayLanguage(Locale.forLanguageTag(readerLang)) + " (" + lang + ")";
    }
}
