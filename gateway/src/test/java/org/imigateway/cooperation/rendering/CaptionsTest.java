package org.imigateway.cooperation.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.imigateway.schemas.imi.common.Language;
import org.junit.jupiter.api.Test;

class CaptionsTest {

    private static final Set<String> LANGUAGES = Arrays.stream(Language.values()).map(Language::value)
            .collect(Collectors.toCollection(TreeSet::new));

    private final Captions captions = Captions.shipped();

    @Test
    void everyCaptionIsWrittenInEachOfTheTwentySixLanguages() {
        assertEquals(26, LANGUAGES.size());
        List<String> gaps = new ArrayList<>();
        for (String key : captions.keys()) {
            Set<String> missing = new TreeSet<>(LANGUAGES);
            missing.removeAll(captions.languages(key));
            if (!missing.isEmpty()) {
                gaps.add(key + " lacks " + missing);
            }
            for (String lang : captions.languages(key)) {
                if (captions.text(key, lang).isBlank()) {
                    gaps.add(key + " is blank in " + lang);
                }
                if (captions.text(key, lang).contains("{0}") != captions.text(key, "en").contains("{0}")) {
                    gaps.add(key + " in " + lang + " does not take the value {0} as English does");
                }
            }
        }
        assertTrue(gaps.isEmpty(), String.join("\n", gaps));
    }

    @Test
    void everyRenderedDocumentTypeHasATitle() {
        Renderer.RENDERED.forEach(type -> assertTrue(captions.keys().contains("type." + type.name()), type.name()));
    }

    @Test
    void differentLanguagesSayDifferentWords() {
        // a copy-pasted English column would pass the completeness test; this one would not
        long distinct = LANGUAGES.stream().map(lang -> captions.text("note.rendering", lang)).distinct().count();
        assertEquals(26, distinct);
    }

    @Test
    void aLanguageIsNamedInTheReadersLanguageWithItsCode() {
        assertEquals("Lettisch (lv)", Captions.languageName("lv", "de"));
        assertEquals("letton (lv)", Captions.languageName("lv", "fr"));
        for (String reader : LANGUAGES) {
            for (String lang : LANGUAGES) {
                assertFalse(Captions.languageName(lang, reader).startsWith(lang + " "), lang + " has no name in " + reader);
            }
        }
    }

    @Test
    void theUntranslatedNoteFillsInTheLanguage() {
        assertEquals("nicht übersetzt, Original auf Lettisch (lv)",
                captions.format("note.untranslated", "de", Captions.languageName("lv", "de")));
        assertEquals("non traduit, original en letton (lv)",
                captions.format("note.untranslated", "fr", Captions.languageName("lv", "fr")));
    }
}
