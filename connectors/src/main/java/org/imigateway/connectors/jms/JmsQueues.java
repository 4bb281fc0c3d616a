package org.imigateway.connectors.jms;

import java.util.List;

/** The four queues of one JMS backend. */
public record JmsQueues(String in, String out, String reply, String error) {

    /** {@code <prefix>.in}, {@code .out}, {@code .reply}, {@code .error}. */
    public static JmsQueues withPrefix(String prefix) {
        return new JmsQueues(prefix + ".in", prefix + ".out", prefix + ".reply", prefix + ".error");
    }

    public List<String> all() {
        return List.of(in, out, reply, error);
    }
}
