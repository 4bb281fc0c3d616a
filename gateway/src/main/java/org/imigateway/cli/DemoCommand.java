package org.imigateway.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.imigateway.Gateway;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.connectors.SubmissionException;
import org.imigateway.store.MessageRecord;
import org.imigateway.store.MessageStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: three gateways on loopback with freshly generated certificates exchange a set of
 * real AS4 messages through their durable queues (signed, encrypted, compressed, receipted),
 * including a send to a stopped gateway that succeeds once it is started; gw-a is also the
 * cooperation hub, through which gw-b and gw-c exchange an IMI request, an alert and a
 * repository query. A table shows each message. Exits 0 only when every outcome is the expected one, so it doubles as a smoke test.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start three gateways on loopback and exchange a set of AS4 messages between them.")
public final class DemoCommand implements Callable<Integer> {

    private static final List<String> PARTIES = List.of("gw-a", "gw-b", "gw-c");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Option(names = "--dir", description = "Where to put the demo homes (default: a new temporary folder).")
    Path dir;

    @Option(names = "--verbose", description = "Show the gateways' logs here instead of in DIR/demo.log.")
    boolean verbose;

    private record Row(String what, String from, String to, String expected, String status, String messageId,
            Duration receiptAfter, int attempts, String detail) {
        boolean asExpected() {
            return expected.equals(status);
        }
    }

    private DemoNetwork network;
    private final Map<String, Gateway> gateways = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("imi-demo-");
        if (verbose) {
            System.out.println("IMI Gateway demo in " + base);
            return run(base);
        }
        Path logFile = base.resolve("demo.log");
        PrintStream console = System.err;
        try (PrintStream logs = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            // slf4j-simple writes to whatever System.err is when it writes a line (it does not cache the
            // stream), so from here on the gateways' log lines go to the file.
            System.setErr(logs);
            System.out.println("IMI Gateway demo in " + base + " (logs in " + logFile + "; --verbose shows them here)");
            return run(base);
        } finally {
            System.setErr(console);
        }
    }

    private int run(Path base) throws Exception {
        System.out.println("Generating a demo CA and RSA 3072 keys for " + String.join(", ", PARTIES) + " ...");
        network = DemoNetwork.create(base, PARTIES, false);
        HubDemo.configure(network.home(HubDemo.HUB));
        try {
            for (String party : PARTIES) {
                start(party);
            }
            Path payloads = Files.createDirectories(base.resolve("payloads"));
            Path xml = Files.writeString(payloads.resolve("request.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <request xmlns="urn:imigateway:demo"><question lang="de">Ist die Ärztekammer zuständig?</question></request>
                    """, StandardCharsets.UTF_8);
            byte[] scan = new byte[2 * 1024 * 1024];
            new Random(7).nextBytes(scan);
            Path binary = Files.write(payloads.resolve("scan.pdf"), scan);

            List<Row> rows = new ArrayList<>();
            System.out.println("Exchanging messages ...");
            Row request = submit("request, 2 payloads", "gw-a", "gw-b", "ACKNOWLEDGED", business("gw-b")
                    .property(MessageProperty.of(Namespaces.PROPERTY_ORIGINAL_SENDER, "urn:authority:de:aek"))
                    .property(MessageProperty.of(Namespaces.PROPERTY_FINAL_RECIPIENT, "urn:authority:fr:cnom"))
                    .payload(Payload.of(xml, "application/xml")).payload(Payload.of(binary, "application/pdf")).build());
            rows.add(request);
            rows.add(submit("reply", "gw-b", "gw-a", "ACKNOWLEDGED", business("gw-a").refToMessageId(request.messageId())
                    .payload(Payload.of(xml, "application/xml")).build()));
            rows.add(submit("ping (test service)", "gw-a", "gw-c", "ACKNOWLEDGED", Submission.to("gw-c")
                    .service(Namespaces.TEST_SERVICE).action(Namespaces.TEST_ACTION).build()));
            rows.add(submit("request, AS4 2.0 EdDSA", "gw-a", "gw-b", "ACKNOWLEDGED", Submission.to("gw-b")
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION_EDDSA)
                    .payload(Payload.of(xml, "application/xml")).build()));
            rows.add(submit("request, AS4 2.0 ECDSA", "gw-b", "gw-c", "ACKNOWLEDGED", Submission.to("gw-c")
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION_ECDSA)
                    .payload(Payload.of(xml, "application/xml")).build()));
            rows.addAll(duplicate(xml));
            rows.add(toStoppedGateway(xml));
            rows.add(submit("unknown action", "gw-a", "gw-b", "REFUSED", Submission.to("gw-b")
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action("NoSuchAction").build()));
            System.out.println("Cooperation through the hub " + HubDemo.HUB + " ...");
            for (HubDemo.Step step : HubDemo.run(gateways, payloads)) {
                rows.add(progress(new Row(step.what(), step.from(), step.to(), "DELIVERED", step.status(),
                        step.messageId(), Duration.ZERO, 1, step.detail())));
            }

            System.out.println("Waiting for the backends to receive every delivery ...");
            awaitDeliveries(Map.of("gw-a", 1, "gw-b", 7, "gw-c", 3));
            print(rows);
            int a = gateways.get("gw-a").inbox().messages().size();
            int b = gateways.get("gw-b").inbox().messages().size();
            int c = gateways.get("gw-c").inbox().messages().size();
            System.out.printf("Delivered to the backends: gw-a %d, gw-b %d, gw-c %d"
                    + " (pings and repeated MessageIds are receipted but not delivered)%n", a, b, c);
            // gw-a is also the hub: IMI messages end there in the cooperation step, not in its inbox
            boolean ok = rows.stream().allMatch(Row::asExpected) && a == 1 && b == 7 && c == 3;
            System.out.println(ok ? "Demo finished: every outcome as expected." : "Demo finished with UNEXPECTED outcomes.");
            return ok ? ExitCodes.OK : ExitCodes.REFUSED;
        } finally {
            gateways.values().forEach(Gateway::close);
        }
    }

    private void start(String party) throws Exception {
        gateways.put(party, Gateway.start(network.home(party)));
        System.out.println("  started " + party + " at " + network.endpoint(party));
    }

    private static Submission.Builder business(String to) {
        return Submission.to(to).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION);
    }

    private Row submit(String what, String from, String to, String expected, Submission submission) throws Exception {
        Gateway gateway = gateways.get(from);
        Instant start = Instant.now();
        String id;
        try {
            id = gateway.submit(submission);
        } catch (SubmissionException e) {
            return progress(new Row(what, from, to, expected, "REFUSED", "-", Duration.ZERO, 0,
                    e.errorCode() + " " + e.getMessage()));
        }
        return outcome(what, from, to, expected, id, start);
    }

    private Row outcome(String what, String from, String to, String expected, String id, Instant start)
            throws InterruptedException {
        MessageRecord record = gateways.get(from).awaitOutcome(id, WAIT);
        Duration took = Duration.between(start, record.updated().isAfter(start) ? record.updated() : Instant.now());
        String detail = record.errorCode().map(code -> code + " " + record.errorDetail().orElse("")).orElse("");
        return progress(new Row(what, from, to, expected, record.status().name(), id, took, record.attempts(), detail));
    }

    /** One line per step as it ends, so the table holds no surprise and a hanging step is seen. */
    private static Row progress(Row row) {
        System.out.printf("  %-27s %s -> %s  %s%s%n", row.what(), row.from(), row.to(), row.status(),
                row.asExpected() ? "" : " (expected " + row.expected() + ")");
        return row;
    }

    /** A sender that lost its receipt sends the same signed message again: original receipt, no second delivery. */
    private List<Row> duplicate(Path xml) throws Exception {
        Gateway c = gateways.get("gw-c");
        Path work = c.sender().newWorkDir();
        PreparedMessage notification = c.sender().prepare(business("gw-b").payload(Payload.of(xml, "application/xml")).build(),
                work);
        List<Row> rows = new ArrayList<>();
        byte[] firstReceipt = null;
        for (String what : List.of("notification (one POST)", "same message POSTed again")) {
            Instant start = Instant.now();
            SendResult result = c.sender().transmit(notification);
            String status = result instanceof SendResult.Acknowledged ? "ACKNOWLEDGED" : "SEND_FAILURE";
            String detail = result instanceof SendResult.Failed failed ? failed.error().toString() : "";
            if (result instanceof SendResult.Acknowledged ack) {
                if (firstReceipt == null) {
                    firstReceipt = ack.receipt();
                } else if (!java.util.Arrays.equals(firstReceipt, ack.receipt())) {
                    status = "DIFFERENT_RECEIPT";
                } else {
                    detail = "the original receipt again";
                }
            }
            rows.add(progress(new Row(what, "gw-c", "gw-b", "ACKNOWLEDGED", status, notification.messageId(),
                    Duration.between(start, Instant.now()), 1, detail)));
        }
        return rows;
    }

    /** gw-c is down when gw-a sends; the message waits for retry and goes out once gw-c is back. */
    private Row toStoppedGateway(Path xml) throws Exception {
        gateways.remove("gw-c").close();
        System.out.println("  stopped gw-c; gw-a sends to it anyway ...");
        Instant start = Instant.now();
        String id = gateways.get("gw-a").submit(business("gw-c").payload(Payload.of(xml, "application/xml")).build());
        Instant waitUntil = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(waitUntil)
                && gateways.get("gw-a").outbound(id).orElseThrow()
                        .status() != MessageStatus.WAITING_FOR_RETRY) {
            Thread.sleep(100);
        }
        System.out.println("  message " + id + " is "
                + gateways.get("gw-a").outbound(id).orElseThrow().status()
                + "; starting gw-c again ...");
        start("gw-c");
        return outcome("to a stopped gateway", "gw-a", "gw-c", "ACKNOWLEDGED", id, start);
    }

    private void awaitDeliveries(Map<String, Integer> expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            while (gateways.get(e.getKey()).inbox().messages().size() < e.getValue() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        }
    }

    private static void print(List<Row> rows) {
        String format = "%-2s %-27s %-5s %-5s %-14s %9s %8s  %s%n";
        System.out.println();
        System.out.printf(format, "#", "message", "from", "to", "status", "receipt", "attempts", "MessageId / detail");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String detail = row.detail().isEmpty() ? row.messageId() : row.messageId() + "  " + row.detail();
            System.out.printf(format, i + 1, row.what(), row.from(), row.to(), row.status(),
                    row.status().equals("ACKNOWLEDGED") ? row.receiptAfter().toMillis() + " ms" : "-", row.attempts(),
                    detail + (row.asExpected() ? "" : "   <-- expected " + row.expected()));
        }
        System.out.println();
    }
}
