package org.imigateway.conformance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceptionAwarenessTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.1;2;CONSTANT      | 6000    | 2",
            "15;224;CONSTANT     | 900000  | 224",
            "60;1;2;PROGRESSIVE  | 3600000 | 5",   // after 1, 2, 4, 8 and 16 minutes: 31 in all, the next (63) is outside
            "0.5;0.1;1;progressive | 30000 | 5"})
    void readsTheWindowAndTheMostRetriesOfBothNotations(String spec, long windowMillis, int retries) {
        ReceptionAwareness read = ReceptionAwareness.parse(spec);

        assertEquals(Duration.ofMillis(windowMillis), read.window());
        assertEquals(retries, read.retries());
    }

    @ParameterizedTest
    @ValueSource(strings = {"15;224", "15;x;CONSTANT", "0;2;CONSTANT", "15;-1;CONSTANT", "60;1;0.5;PROGRESSIVE", "soon"})
    void refusesWhatIsNotAPolicyNamingTheOption(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReceptionAwareness.parse(spec));

        assertTrue(e.getMessage().startsWith("--target-retry '" + spec + "'"), e.getMessage());
    }
}
