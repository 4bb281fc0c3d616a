package org.imigateway.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A sender's file name becomes a safe file name: no path, no control or format characters, any script kept. */
class PayloadFileNameTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "report.pdf|report.pdf",
        "Kaķis ž Ārsta diploma.xml|Kaķis ž Ārsta diploma.xml",
        "Αίτηση 申请.pdf|Αίτηση 申请.pdf",
        "../../etc/passwd|passwd",
        "/abs/path/a.txt|a.txt",
        "C:\\Users\\x\\scan.pdf|scan.pdf",
        "..\\..\\boot.ini|boot.ini",
        ".hidden|hidden",
        "  spaced.txt  |spaced.txt",
    })
    void keepsTheLastSegmentWithoutLeadingDotsInAnyScript(String raw, String expected) {
        assertEquals(Optional.of(expected), PayloadFileName.sanitise(raw));
    }

    @Test
    void dropsControlAndFormatCharactersIncludingLineBreaksAndBidiOverrides() {
        assertEquals(Optional.of("ab.txt"), PayloadFileName.sanitise("a\u0000\r\n\u0007b.txt"));
        assertEquals(Optional.of("invoicefdp.exe"), PayloadFileName.sanitise("invoice\u202Efdp.exe"));
        assertEquals(Optional.of("ab"), PayloadFileName.sanitise("a\u2028\u0085b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "..", "dir/", "a/..", "\u0001\u0002", "../\n"})
    void leavesNoNameWhenNothingUsableIsLeft(String raw) {
        assertEquals(Optional.empty(), PayloadFileName.sanitise(raw));
    }

    @Test
    void cutsANameAt255Utf8BytesWithoutSplittingACharacter() {
        String name = PayloadFileName.sanitise("ž".repeat(200)).orElseThrow();
        assertEquals(127, name.length());
        assertEquals(254, name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
