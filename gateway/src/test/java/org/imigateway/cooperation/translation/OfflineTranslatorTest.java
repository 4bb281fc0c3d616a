package org.imigateway.cooperation.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OfflineTranslatorTest {

    @Test
    void theOfflineTranslatorReturnsTheTextAsWrittenMarkedWithItsLanguage() {
        Translation result = Translator.offline().translate("lv", "de", "Lūdzu, apstipriniet diploma autentiskumu.");
        assertEquals(new Translation.Untranslated("Lūdzu, apstipriniet diploma autentiskumu.", "lv"), result);
    }
}
