package org.imigateway.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import org.imigateway.Gateway;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.config.DemoNetwork;
import org.imigateway.connectors.MessageProperty;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: three gateways on loopback with freshly generated certificates exchange a set of
 * real AS4 messages (signed, encrypted, compressed, receipted), then a table shows each one.
 * Exits 0 only when every outcome is the expected one, so it doubles as a smoke test.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start three gateways on loopback and exchange a set of AS4 messages between them.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", description = "Where to put the demo homes (default: a new temporary folder).")
    Path dir;

    private record Row(String what, String from, String to, String expected, SendResult result, Duration took) {
        boolean asExpected() {
            return expected.equals(status());
        }

        String status() {
            return result instanceof SendResult.Acknowledged ? "ACKNOWLEDGED" : "SEND_FAILURE";
        }
    }

    @Override
    public Integer call() throws Exception {
        Path base = dir != null ? dir : Files.createTempDirectory("imi-demo-");
        System.out.println("IMI Gateway demo in " + base);
        System.out.println("Generating a demo CA and RSA 3072 keys for gw-a, gw-b, gw-c ...");
        DemoNetwork network = DemoNetwork.create(base, List.of("gw-a", "gw-b", "gw-c"), false);
        List<Gateway> gateways = new ArrayList<>();
        try {
            for (String party : List.of("gw-a", "gw-b", "gw-c")) {
                gateways.add(Gateway.start(network.home(party)));
                System.out.println("  started " + party + " at " + network.endpoint(party));
            }
            Gateway a = gateways.get(0);
            Gateway b = gateways.get(1);
            Gateway c = gateways.get(2);
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
            rows.add(send("request, 2 payloads", a, "gw-b", "ACKNOWLEDGED", business("gw-b")
                    .property(MessageProperty.of(Namespaces.PROPERTY_ORIGINAL_SENDER, "urn:authority:de:aek"))
                    .property(MessageProperty.of(Namespaces.PROPERTY_FINAL_RECIPIENT, "urn:authority:fr:cnom"))
                    .payload(Payload.of(xml, "application/xml")).payload(Payload.of(binary, "application/pdf")).build()));
            String firstId = rows.get(0).result().messageId();
            rows.add(send("reply", b, "gw-a", "ACKNOWLEDGED", business("gw-a").refToMessageId(firstId)
                    .payload(Payload.of(xml, "application/xml")).build()));
            rows.add(send("ping (test service)", a, "gw-c", "ACKNOWLEDGED", Submission.to("gw-c")
                    .service(Namespaces.TEST_SERVICE).action(Namespaces.TEST_ACTION).build()));
            // A sender that lost its receipt sends the same signed message again: the receiver
            // answers with the original receipt and does not deliver it twice.
            Path work = c.sender().newWorkDir();
            PreparedMessage notification = c.sender().prepare(business("gw-b")
                    .payload(Payload.of(xml, "application/xml")).build(), work);
            rows.add(transmit("notification", c, "gw-b", notification));
            rows.add(transmit("same message again", c, "gw-b", notification));
            rows.add(send("unknown action", a, "gw-b", "SEND_FAILURE", Submission.to("gw-b")
                    .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action("NoSuchAction").build()));

            print(rows);
            int deliveredB = b.sink().messages().size();
            int deliveredA = a.sink().messages().size();
            int deliveredC = c.sink().messages().size();
            System.out.printf("Delivered: gw-a %d, gw-b %d, gw-c %d (the ping and the repeated MessageId are not delivered)%n",
                    deliveredA, deliveredB, deliveredC);
            boolean ok = rows.stream().allMatch(Row::asExpected) && deliveredA == 1 && deliveredB == 2 && deliveredC == 0
                    && sameReceipt(rows.get(3).result(), rows.get(4).result());
            System.out.println(ok ? "Demo finished: every outcome as expected." : "Demo finished with UNEXPECTED outcomes.");
            return ok ? 0 : 1;
        } finally {
            gateways.forEach(Gateway::close);
        }
    }

    private static Submission.Builder business(String to) {
        return Submission.to(to).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(DemoNetwork.ACTION);
    }

    private static Row send(String what, Gateway from, String to, String expected, Submission submission) {
        Instant start = Instant.now();
        SendResult result = from.send(submission);
        return new Row(what, from.partyName(), to, expected, result, Duration.between(start, Instant.now()));
    }

    private static Row transmit(String what, Gateway from, String to, PreparedMessage prepared) {
        Instant start = Instant.now();
        SendResult result = from.sender().transmit(prepared);
        return new Row(what, from.partyName(), to, "ACKNOWLEDGED", result, Duration.between(start, Instant.now()));
    }

    private static boolean sameReceipt(SendResult first, SendResult second) {
        return first instanceof SendResult.Acknowledged a && second instanceof SendResult.Acknowledged b
                && java.util.Arrays.equals(a.receipt(), b.receipt());
    }

    private static void print(List<Row> rows) {
        String format = "%-2s %-22s %-5s %-5s %-13s %8s  %s%n";
        System.out.println();
        System.out.printf(format, "#", "message", "from", "to", "status", "time", "MessageId / detail");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String detail = row.result() instanceof SendResult.Failed failed ? failed.error().toString() : row.result().messageId();
            System.out.printf(format, i + 1, row.what(), row.from(), row.to(), row.status(), row.took().toMillis() + " ms",
                    detail + (row.asExpected() ? "" : "   <-- expected " + row.expected()));
        }
        System.out.println();
    }
}
