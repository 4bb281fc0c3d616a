package org.imigateway.pmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** What {@code receptionAwareness retry} means, as docs/configuration.md explains it with these very examples. */
class RetryPolicyTest {

    @Test
    void theFirstNumberIsTheWholeWindowAndTheCountSplitsItEvenly() {
        // 0.5;9;CONSTANT: 30 s in all, 9 retries 3 s apart; a partner down for a minute is given up on.
        RetryPolicy policy = RetryPolicy.parse("0.5;9;CONSTANT");
        assertEquals(Duration.ofSeconds(30), policy.timeout());
        assertEquals(9, policy.delays().size());
        assertEquals(Duration.ofSeconds(3), policy.delays().get(0));
    }

    @Test
    void progressiveDoublesFromTheInitialIntervalWithinTheWindow() {
        // 60;1;2;PROGRESSIVE: retries after 1, 2, 4, 8, 16 minutes (31 in all); the next (32) would pass 60.
        List<Duration> delays = RetryPolicy.parse("60;1;2;PROGRESSIVE").delays();
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L), delays.stream().map(Duration::toMinutes).toList());
    }

    @Test
    void theMadeHomesRetryForLongerThanTenMinutesWithAFewSecondsBetweenAttempts() {
        LegXml leg = new LegXml("l", "t", "s", "a", "ag", "edelivery-1.15", 1, Optional.empty());
        Matcher retry = Pattern.compile("retry=\"([^\"]+)\"").matcher(leg.xml());
        assertTrue(retry.find(), leg.xml());
        RetryPolicy policy = RetryPolicy.parse(retry.group(1));

        Duration lastAttempt = policy.delays().stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(lastAttempt.compareTo(Duration.ofMinutes(10)) > 0, "last retry after " + lastAttempt);
        assertTrue(policy.delays().stream().allMatch(d -> d.compareTo(Duration.ofSeconds(10)) <= 0),
                "a partner that is back waits at most 10 s: " + policy.delays().get(0));
    }
}
