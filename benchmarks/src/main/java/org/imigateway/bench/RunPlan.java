package org.imigateway.bench;

import java.util.Objects;
import java.util.OptionalDouble;

import org.imigateway.pmode.SecurityProfile;

/**
 * One measured run: the security profile, the payload size, how many messages (after
 * {@code warmup} unmeasured ones), how many may be in flight at once, and optionally a fixed
 * submission rate in messages per second instead of "as fast as the window allows".
 */
public record RunPlan(SecurityProfile profile, long payloadBytes, int messages, int warmup, int concurrency,
        OptionalDouble rate) {

    public RunPlan {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(rate, "rate");
        if (payloadBytes < 200) {
            throw new IllegalArgumentException("payload size must be at least 200 bytes, got " + payloadBytes);
        }
        if (messages < 1 || warmup < 0 || concurrency < 1) {
            throw new IllegalArgumentException("messages >= 1, warmup >= 0 and concurrency >= 1 are needed, got messages="
                    + messages + " warmup=" + warmup + " concurrency=" + concurrency);
        }
        if (rate.isPresent() && !(rate.getAsDouble() > 0)) {
            throw new IllegalArgumentException("rate must be above 0 messages per second, got " + rate.getAsDouble());
        }
    }

    public RunPlan atRate(double perSecond) {
        return new RunPlan(profile, payloadBytes, messages, warmup, concurrency, OptionalDouble.of(perSecond));
    }

    public int total() {
        return warmup + messages;
    }
}
