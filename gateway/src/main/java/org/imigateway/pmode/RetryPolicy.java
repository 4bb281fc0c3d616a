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
                return new Constant(minutes(fields[0]), Integer.parseInt(fields[1]));
            }
            if (fields.length == 4 && fields[3].equals("PROGRESSIVE")) {
                double factor = Double.parseDouble(fields[2]);
                if (factor < 1) {
                    throw new IllegalArgumentException("retry '" + spec + "': the factor must be at least 1");
                }
                return new Progressive(minutes(fields[0]), minutes(fields[1]), factor);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("retry '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("retry '" + spec
                + "' is neither timeout;count;CONSTANT nor timeout;initialInterval;factor;PROGRESSIVE");
    }

    private static Duration minutes(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 60_000));
    }
}
