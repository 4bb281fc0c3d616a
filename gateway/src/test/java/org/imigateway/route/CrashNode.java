package org.imigateway.route;

import static org.imigateway.GatewayParts.partsOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.imigateway.Gateway;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageStatus;

/**
 * A gateway in a JVM of its own, for {@link CrashSafetyTest} to kill with SIGKILL. Arguments:
 * home, then for a sender the receiving party, the message count, a payload file and optionally a
 * file to wait for before submitting. A sender
 * submits {@code crash-<i>} for every i its message log does not know yet, so a restart submits
 * only what the killed run did not. Every 200 ms it writes its counts by status to
 * {@code <home>/progress.properties} (atomically), which the test reads.
 */
public final class CrashNode {

    private CrashNode() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Gateway gateway = Gateway.start(home);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        System.out.println("READY " + gateway.partyName());
        if (args.length > 1) {
            String to = args[1];
            int count = Integer.parseInt(args[2]);
            Path payload = Path.of(args[3]);
            if (args.length > 4) {
                // A go signal: the test starts the other nodes first, so the stream begins with all of them up.
                Path go = Path.of(args[4]);
                while (!Files.exists(go)) {
                    Thread.sleep(50);
                }
            }
            for (int i = 0; i < count; i++) {
                String id = messageId(i);
                // The submission is idempotent by MessageId, so this backend repeats it after any failure.
                while (partsOf(gateway).messageLog().find(id, Direction.OUTBOUND).isEmpty()) {
                    try {
                        gateway.submit(Submission.to(to).service(CrashSafetyTest.SERVICE).action("Deliver").messageId(id)
                                .payload(Payload.of(payload, "application/xml")).build());
                    } catch (RuntimeException | org.imigateway.connectors.SubmissionException e) {
                        System.out.println("SUBMIT_FAILED " + id + ": " + e);
                        Thread.sleep(500);
                    }
                }
                if (i % 50 == 0) {
                    progress(gateway, home);
                }
            }
        }
        while (true) {
            progress(gateway, home);
            Thread.sleep(200);
        }
    }

    static String messageId(int i) {
        return "crash-" + i + "@test";
    }

    private static void progress(Gateway gateway, Path home) throws Exception {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<MessageStatus, Long> e : partsOf(gateway).messageLog().countByStatus().entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Path temp = home.resolve("progress.tmp");
        Files.writeString(temp, text);
        Files.move(temp, home.resolve("progress.properties"), StandardCopyOption.ATOMIC_MOVE);
    }
}
