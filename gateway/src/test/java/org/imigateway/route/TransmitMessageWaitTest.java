package org.imigateway.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The wait before a next attempt: the leg's schedule, unless the receiver asked for longer. */
class TransmitMessageWaitTest {

    @Test
    void aLongerRetryAfterIsHonouredAShorterOneIsNot() {
        assertEquals(Duration.ofSeconds(30), TransmitMessage.wait(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(30))));
        assertEquals(Duration.ofSeconds(10), TransmitMessage.wait(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(3))));
        assertEquals(Duration.ofSeconds(10), TransmitMessage.wait(Duration.ofSeconds(10), Optional.empty()));
    }
}
