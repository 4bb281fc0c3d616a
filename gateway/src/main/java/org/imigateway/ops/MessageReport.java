package org.imigateway.ops;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.imigateway.store.MessageRecord;
import org.imigateway.store.StatusChange;
import org.imigateway.text.Untrusted;

/**
 * Where one message stands, as the submission endpoint answers it and the {@code send} and
 * {@code status} commands print it, whether they asked a running gateway or read a stopped
 * home's message log. On the wire it is plain text, one {@code name: value} per line (values
 * on one line, control characters escaped), so {@code curl} shows it as it is:
 * <pre>
 *   messageId: 7d1c…@gw-a
 *   direction: OUTBOUND
 *   status: ACKNOWLEDGED
 *   attempts: 1
 *   error: EBMS:0301 …                      (while one is current)
 *   change: 2026-12-04T00:31:35Z - SEND_ENQUEUED registered for sending   (the history, oldest first)
 * </pre>
 */
public record MessageReport(String messageId, String direction, String status, int attempts, Optional<String> error,
        List<String> history) {

    public MessageReport {
        history = List.copyOf(history);
    }

    /** What a 202 says: the message is committed and queued. */
    public static MessageReport accepted(String messageId) {
        return new MessageReport(messageId, "OUTBOUND", "SEND_ENQUEUED", 0, Optional.empty(), List.of());
    }

    public static MessageReport of(MessageRecord record, List<StatusChange> history) {
        List<String> lines = new ArrayList<>();
        for (StatusChange change : history) {
            lines.add(change.at() + " " + change.from().map(Enum::name).orElse("-") + " " + change.to() + " "
                    + change.note());
        }
        return new MessageReport(record.messageId(), record.direction().name(), record.status().name(),
                record.attempts(), record.errorCode().map(code -> code + " " + record.errorDetail().orElse("")), lines);
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        line(text, "messageId", messageId);
        line(text, "direction", direction);
        line(text, "status", status);
        line(text, "attempts", Integer.toString(attempts));
        error.ifPresent(e -> line(text, "error", e));
        history.forEach(change -> line(text, "change", change));
        return text.toString();
    }

    /** Reads {@link #text}; lines it does not know are skipped, so a newer gateway may say more. */
    public static MessageReport parse(String text) {
        String id = null;
        String direction = "";
        String status = null;
        int attempts = 0;
        Optional<String> error = Optional.empty();
        List<String> history = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String value = line.substring(colon + 2);
            switch (line.substring(0, colon)) {
                case "messageId" -> id = value;
                case "direction" -> direction = value;
                case "status" -> status = value;
                case "attempts" -> attempts = Integer.parseInt(value.trim());
                case "error" -> error = Optional.of(value);
                case "change" -> history.add(value);
                default -> { }
            }
        }
        if (id == null || status == null) {
            throw new IllegalArgumentException("not a message report: " + Untrusted.inLog(text));
        }
        return new MessageReport(id, direction, status, attempts, error, history);
    }

    /** The status line and the history, as the commands print them. */
    public void print(PrintStream out) {
        out.println(direction + " " + messageId + ": " + status + " after " + attempts + " attempt(s)"
                + error.map(e -> ": " + e).orElse(""));
        history.forEach(change -> out.println("  " + change));
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(name).append(": ").append(Untrusted.escaped(value)).append('\n');
    }
}
