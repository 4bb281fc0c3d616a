package org.imigateway.pmode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reception awareness retries, written as Domibus users know them (minutes):
 * {@code timeout;count;CONSTANT} or {@code timeout;initialInterval;factor;PROGRESSIVE}.
 */
public sealed interface RetryPolicy {

    /** Give up (EBMS:0301) once this much time has passed since the first attempt. */
    Duration timeout();

    /** The delays before each retry, in order, all within the timeout. */
    List<Duration> delays();

    record Constant(Duration timeout, int count) implements RetryPolicy {
        @Override
        public List<Duration> delays() {
            List<Duration> delays = new ArrayList<>();
            if (count <= 0) {
                return delays;
            }
            Duration interval = timeout.dividedBy(count + 1L);
            for (int i = 0; i < count; i++) {
                delays.add(interval);
            }
            return delays;
        }
    }

    record Progressive(Duration timeout, Duration initialInterval, double factor) implements RetryPolicy {
        @Override
        public List<Duration> delays() {
            List<Duration> delays = new ArrayList<>();
            Duration elapsed = Duration.ZERO;
            Duration next = initialInterval;
            while (!next.isZero() && elapsed.plus(next).compareTo(timeout) <= 0 && delays.size() < 1000) {
                delays.add(next);
                elapsed = elapsed.plus(next);
                next = Duration.ofMillis((long) (next.toMillis() * factor));
            }
            return delays;
        }
    }

    /** Parses the PMode notation; the message of the exception says what is wrong. */
    static RetryPolicy parse(String spec) {
        String[] fields = spec.trim().split(";");
        try {
            if (fields.length == 3 && fields[2].equals("CONSTANT")) {
                int count = Integer.parseInt(fields[1]);
                if (count < 0) {
                    throw new IllegalArgumentException("retry '" + spec + "': the number of retries is negative");
                }
                return new Constant(positive(spec, "timeout", fields[0]), count);
            }
            if (fields.length == 4 && fields[3].equals("PROGRESSIVE")) {
                double factor = Double.parseDouble(fields[2]);
                if (!(factor >= 1)) {
                    throw new IllegalArgumentException("retry '" + spec + "': the factor must be at least 1");
                }
                return new Progressive(positive(spec, "timeout", fields[0]),
                        positive(spec, "initial interval", fields[1]), factor);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("retry '" + spec + "': a field is not a number (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException("retry '" + spec
                + "' is neither timeout;count;CONSTANT nor timeout;initialInterval;factor;PROGRESSIVE");
    }

    /** Minutes, at least a millisecond: a window of nothing would give up before the first attempt. */
    private static Duration positive(String spec, String what, String minutes) {
        Duration duration = Duration.ofMillis(Math.round(Double.parseDouble(minutes) * 60_000));
        if (duration.toMillis() <= 0) {
            throw new IllegalArgumentException("retry '" + spec + "': the " + what + " (" + minutes
                    + " minutes) must be above 0");
        }
        return duration;
    }
}
