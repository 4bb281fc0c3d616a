package org.imigateway.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UntrustedTest {

    @ParameterizedTest(name = "U+{0}")
    @CsvSource({"000a,\\n", "000d,\\r", "0009,\\t", "0000,\\u0000", "001b,\\u001b", "007f,\\u007f", "0085,\\u0085",
            "009b,\\u009b", "2028,\\u2028", "2029,\\u2029", "202e,\\u202e", "2066,\\u2066"})
    void controlAndLineBreakingCharactersAreEscapedVisibly(String codePoint, String escaped) {
        String value = "a" + (char) Integer.parseInt(codePoint, 16) + "b";

        assertEquals("a" + escaped + "b", Untrusted.escaped(value));
    }

    @Test
    void anOrdinaryValueIsReturnedAsItIs() {
        String value = "urn:oasis:names:tc:ebcore:partyid-type:unregistered:Bērziņš\\C:\\data";

        assertSame(value, Untrusted.escaped(value));
    }

    @Test
    void aLongValueIsShortenedInLogsAndSaysHowLongItWas() {
        String logged = Untrusted.inLog("x".repeat(5000) + "\n");

        assertEquals(Untrusted.LOG_LENGTH, logged.indexOf('…'));
        assertTrue(logged.endsWith("(5002 characters)"), logged);
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String value = "x".repeat(Untrusted.LOG_LENGTH - 1) + "😀" + "tail";

        assertTrue(Untrusted.inLog(value).startsWith("x".repeat(Untrusted.LOG_LENGTH - 1) + "…"));
    }

    @Test
    void nullIsLoggedAsNull() {
        assertEquals("null", Untrusted.inLog(null));
    }
}
