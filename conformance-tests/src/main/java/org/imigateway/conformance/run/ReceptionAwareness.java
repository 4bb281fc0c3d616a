package org.imigateway.conformance.run;

import java.time.Duration;
import java.util.Locale;

/**
 * The target's reception awareness for the leg it sends on, as the integrator read it from the
 * target's PMode, in the notation Domibus users know (minutes, decimals allowed):
 * {@code window;retries;CONSTANT} or {@code window;firstInterval;factor;PROGRESSIVE}. The suite
 * needs only what it can check on the wire: how many transmissions at most, and by when the
 * target must have given up.
 *
 * @param window how long after the first attempt the target may still send
 * @param retries the most retries the policy allows within the window
 */
public record ReceptionAwareness(String spec, Duration window, int retries) {

    /** Reads the notation; the message of the exception names the option and what is wrong. */
    public static ReceptionAwareness parse(String spec) {
        String[] fields = spec.trim().split(";");
        try {
            String kind = fields[fields.length - 1].trim().toUpperCase(Locale.ROOT);
            if (fields.length == 3 && kind.equals("CONSTANT")) {
                int retries = Integer.parseInt(fields[1].trim());
                if (retries < 0) {
                    throw new IllegalArgumentException("--target-retry '" + spec + "': the number of retries is negative");
                }
                return new ReceptionAwareness(spec, minutes(spec, fields[0]), retries);
            }
            if (fields.length == 4 && kind.equals("PROGRESSIVE")) {
                Duration window = minutes(spec, fields[0]);
                Duration interval = minutes(spec, fields[1]);
                double factor = Double.parseDouble(fields[2].trim());
                if (factor < 1 || interval.isZero()) {
                    throw new IllegalArgumentException("--target-retry '" + spec + "': the first interval must be above 0"
                            + " and the factor at least 1");
                }
                int retries = 0;
                Duration elapsed = interval;
                while (elapsed.compareTo(window) <= 0 && retries < 1000) {
                    retries++;
                    interval = Duration.ofMillis((long) (interval.toMillis() * factor));
                    elapsed = elapsed.plus(interval);
                }
                return new ReceptionAwareness(spec, window, retries);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target-retry '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("--target-retry '" + spec + "' is neither window;retries;CONSTANT nor"
                + " window;firstInterval;factor;PROGRESSIVE (minutes)");
    }

    private static Duration minutes(String spec, String value) {
        double minutes = Double.parseDouble(value.trim());
        if (minutes <= 0) {
            throw new IllegalArgumentException("--target-retry '" + spec + "': " + value + " minutes is not a duration");
        }
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }
}
