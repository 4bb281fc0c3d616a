package org.imigateway.conformance.listen;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.conformance.wire.Inspection;

/**
 * One POST the target made to the suite: its headers, what the suite found inside (or why it
 * could not read it), and what the suite answered.
 */
public record Arrival(Map<String, List<String>> headers, Optional<Inspection> inspection, String unreadable,
        int answeredStatus, String answeredBody) {

    public Arrival {
        headers = Map.copyOf(headers);
    }

    public Optional<String> messageId() {
        return inspection.flatMap(Inspection::messageId);
    }
}
