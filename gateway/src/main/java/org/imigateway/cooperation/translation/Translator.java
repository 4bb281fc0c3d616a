package org.imigateway.cooperation.translation;

/**
 * The translation port: free text of a business message in one language, wanted in another.
 * Standard content never comes here (the procedure files and captions are pre-translated); only
 * what an official wrote. An implementation that cannot translate says so with
 * {@link Translation.Untranslated}: a reader must always see the text, marked, rather than nothing.
 */
public interface Translator extends AutoCloseable {

    /**
     * @param sourceLang the language the text is written in (a code of the 26, e.g. {@code lv})
     * @param targetLang the reader's language
     */
    Translation translate(String sourceLang, String targetLang, String text);

    /** Stops what the translator runs (a callback listener); nothing for most. */
    @Override
    default void close() {
    }

    /** The default without a translation service: every text stays as written, marked with its language. */
    static Translator offline() {
        return new OfflineTranslator();
    }
}
