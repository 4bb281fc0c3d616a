package org.imigateway.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsTheFirstValueTheProbeFinds() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        String found = Await.value("the third poll", Duration.ofSeconds(10),
                () -> polls.incrementAndGet() == 3 ? Optional.of("found") : Optional.empty());
        assertEquals("found", found);
        assertEquals(3, polls.get());
    }

    @Test
    void aWaitThatRunsOutFailsNamingWhatWasAwaited() {
        AssertionError timeout = assertThrows(AssertionError.class,
                () -> Await.until("a condition that never holds", Duration.ofMillis(100), () -> false));
        assertTrue(timeout.getMessage().contains("a condition that never holds"), timeout.getMessage());
    }
}
