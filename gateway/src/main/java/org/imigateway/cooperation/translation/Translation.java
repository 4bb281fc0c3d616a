package org.imigateway.cooperation.translation;

import java.util.Objects;

/** What became of one free text on its way to the reader's language. */
public sealed interface Translation permits Translation.Translated, Translation.Untranslated {

    /** The text as the reader sees it. */
    String text();

    /** The language the official wrote in. */
    String sourceLang();

    /** A translation service made {@code text} in {@code targetLang} from the original in {@code sourceLang}. */
    record Translated(String text, String sourceLang, String targetLang) implements Translation {
        public Translated {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(sourceLang, "sourceLang");
            Objects.requireNonNull(targetLang, "targetLang");
        }
    }

    /** The original text, left in {@code sourceLang}: no service, or it did not answer in time. */
    record Untranslated(String text, String sourceLang) implements Translation {
        public Untranslated {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(sourceLang, "sourceLang");
        }
    }
}
