package org.imigateway.cooperation.translation;

/**
 * The default translator of a hub with no translation service configured: it translates
 * nothing: every text is returned as written, marked untranslated with the language it is in, so
 * that the rendering shows the original with a note the reader can act on. Nothing leaves the hub.
 */
final class OfflineTranslator implements Translator {

    @Override
    public Translation translate(String sourceLang, String targetLang, String text) {
        return new Translation.Untranslated(text, sourceLang);
    }
}
