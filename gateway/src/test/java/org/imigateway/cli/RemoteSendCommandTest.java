package org.imigateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.imigateway.Gateway;
import org.imigateway.GatewayParts;
import org.imigateway.TestNetwork;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.Stores;
import org.imigateway.config.GatewayConfig;
import org.imigateway.ops.PinnedTrust;
import org.imigateway.store.Direction;
import org.imigateway.store.MessageLog;
import org.imigateway.testsupport.FreePort;
import org.imigateway.testsupport.GatewayHome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send} and {@code status} against a running gateway: through its submission endpoint
 * (HTTPS, operator token), with the message acknowledged by the partner; refusals of wrong or
 * missing tokens, oversized bodies, another server's certificate, unknown MessageIds and bad
 * payload files, each with nothing stored.
 */
class RemoteSendCommandTest {

    /** Small, so that an oversized body is cheap to send; the floor the setting allows is 1024. */
    private static final int MAX_BYTES = 4096;

    @TempDir
    static Path dir;
    static TestNetwork network;
    static Gateway sender;
    static Path home;
    static Path tokenFile;
    static Path payload;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        network = TestNetwork.create(dir.resolve("net"), "gw-a", "gw-b", "gw-c");
        home = network.plan().home("gw-a");
        tokenFile = dir.resolve("alice.token");
        CommandRun token = CommandRun.run("token", "--operator", "alice", "--out", tokenFile.toString());
        assertEquals(0, token.exit(), token.err());
        int port = FreePort.onLoopback();
        GatewayHome.at(home).appendProperties("submit.port=" + port, token.out().strip(), "submit.maxBytes=" + MAX_BYTES);
        sender = network.start("gw-a");
        network.start("gw-b");
        url = "https://127.0.0.1:" + port;
        payload = Files.writeString(dir.resolve("note.xml"), "<note xmlns=\"urn:test\">remote</note>", StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void sendThroughTheRunningGatewayIsAcknowledgedAndStatusShowsItsHistory() throws Exception {
        assertTrue(Files.readString(tokenFile).strip().length() >= 40, "the token file holds the token");
        CommandRun send = CommandRun.run("send", "--gateway", home.toString(), "--token-file", tokenFile.toString(),
                "--to", "gw-b", "--file", payload.toString(), "--mime-type", "application/xml",
                "--property", "finalRecipient=urn:test:authority", "--wait", "60");
        assertEquals(0, send.exit(), send.out() + send.err());
        Matcher acknowledged = Pattern.compile("ACKNOWLEDGED (\\S+) after 1 attempt").matcher(send.out());
        assertTrue(acknowledged.find(), send.out());
        String id = acknowledged.group(1);
        Path delivered = TestNetwork.awaitDelivered(network.gateway("gw-b"), id);
        assertTrue(Files.isDirectory(delivered));

        CommandRun status = CommandRun.run("status", "--url", url, "--trust", certificateFile("gw-a").toString(),
                "--token-file", tokenFile.toString(), id);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().startsWith("OUTBOUND " + id + ": ACKNOWLEDGED after 1 attempt(s)"), status.out());
        assertTrue(status.out().contains("- SEND_ENQUEUED"), "the history starts with the submission: " + status.out());
        assertTrue(status.out().contains("SEND_ENQUEUED ACKNOWLEDGED"), "and ends with the receipt: " + status.out());
    }

    @Test
    void aStoppedHomeStillSendsAndReportsAMessageItself() throws Exception {
        Path stopped = network.plan().home("gw-c");
        String id = "local-" + UUID.randomUUID() + "@gw-c";
        CommandRun send = CommandRun.run("send", "--home", stopped.toString(), "--to", "gw-b", "--file", payload.toString(),
                "--message-id", id, "--wait", "60");
        assertEquals(0, send.exit(), send.out() + send.err());
        assertTrue(send.out().contains("ACKNOWLEDGED " + id + " after 1 attempt(s)"), send.out());
        CommandRun status = CommandRun.run("status", "--home", stopped.toString(), id);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().startsWith("OUTBOUND " + id + ": ACKNOWLEDGED"), status.out());
        assertTrue(status.out().contains("SEND_ENQUEUED ACKNOWLEDGED acknowledged by the receiver"), status.out());
        assertEquals(ExitCodes.REFUSED, CommandRun.run("status", "--home", stopped.toString(), "no-such@gw-c").exit());
    }

    @Test
    void aMessageIdGivenIsKeptAndSentOnce() throws Exception {
        String id = "remote-" + UUID.randomUUID() + "@gw-a";
        for (int i = 0; i < 2; i++) {
            CommandRun send = CommandRun.run("send", "--gateway", home.toString(), "--token-file", tokenFile.toString(),
                    "--to", "gw-b", "--file", payload.toString(), "--message-id", id, "--wait", "60");
            assertEquals(0, send.exit(), send.out() + send.err());
            assertTrue(send.out().contains("ACKNOWLEDGED " + id), send.out());
        }
        assertEquals(2, log().history(id, Direction.OUTBOUND).size(), "submitted and acknowledged once");
    }

    @Test
    void noOrWrongTokenIsRefusedWithNothingStored() throws Exception {
        String id = "unauthorised-" + UUID.randomUUID() + "@gw-a";
        for (String authorization : new String[] {null, "Bearer not-a-token", "Basic YWxpY2U6c2VjcmV0"}) {
            HttpResponse<String> response = post(form(id, "<note/>"), authorization, true);
            assertEquals(401, response.statusCode(), authorization + ": " + response.body());
        }
        Path wrong = Files.writeString(dir.resolve("wrong.token"), "guessed");
        // far more than the socket buffers hold: the gateway refuses before the client has sent it all
        Path large = Files.write(dir.resolve("large.bin"), new byte[32 * 1024 * 1024]);
        CommandRun send = CommandRun.run("send", "--gateway", home.toString(), "--token-file", wrong.toString(),
                "--to", "gw-b", "--file", large.toString(), "--message-id", id);
        assertEquals(ExitCodes.REFUSED, send.exit());
        assertTrue(send.err().contains("refused the operator token (401)"), send.err());
        assertTrue(log().find(id, Direction.OUTBOUND).isEmpty(), "nothing refused is stored");
    }

    @Test
    void anOversizedBodyIsRefusedAnnouncedOrStreamed() throws Exception {
        String id = "large-" + UUID.randomUUID() + "@gw-a";
        String large = "<note>" + "x".repeat(2 * MAX_BYTES) + "</note>";
        HttpResponse<String> announced = post(form(id, large), "Bearer " + token(), true);
        assertEquals(413, announced.statusCode(), announced.body());
        assertTrue(announced.body().contains("submit.maxBytes=" + MAX_BYTES), announced.body());
        HttpResponse<String> streamed = post(form(id, large), "Bearer " + token(), false);
        assertEquals(413, streamed.statusCode(), streamed.body());
        assertTrue(log().find(id, Direction.OUTBOUND).isEmpty(), "nothing refused is stored");
        HttpResponse<String> small = post(form(id, "<note/>"), "Bearer " + token(), false);
        assertEquals(202, small.statusCode(), "the same submission within the limit is taken: " + small.body());
        assertTrue(small.body().contains("messageId: " + id), small.body());
    }

    @Test
    void aSubmissionWithoutALegIsRefusedNamingTheCause() throws Exception {
        CommandRun send = CommandRun.run("send", "--gateway", home.toString(), "--token-file", tokenFile.toString(),
                "--to", "gw-nobody", "--file", payload.toString());
        assertEquals(ExitCodes.REFUSED, send.exit(), send.out() + send.err());
        assertTrue(send.err().contains("REFUSED: EBMS:0001 toParty 'gw-nobody' is not a party"), send.err());
    }

    @Test
    void clearErrorsForUnknownIdsBadFilesAnotherServerAndNoServer() throws Exception {
        CommandRun unknown = CommandRun.run("status", "--gateway", home.toString(), "--token-file", tokenFile.toString(),
                "no-such-message@gw-a");
        assertEquals(ExitCodes.REFUSED, unknown.exit(), unknown.out() + unknown.err());
        assertTrue(unknown.err().contains("no message has MessageId no-such-message@gw-a"), unknown.err());

        Path missing = dir.resolve("missing.xml");
        CommandRun badFile = CommandRun.run("send", "--gateway", home.toString(), "--token-file", tokenFile.toString(),
                "--to", "gw-b", "--file", payload.toString(), "--file", missing.toString());
        assertEquals(ExitCodes.USAGE, badFile.exit());
        assertTrue(badFile.err().contains("--file " + missing + " does not exist"), badFile.err());

        CommandRun impostor = CommandRun.run("send", "--url", url, "--trust", certificateFile("gw-b").toString(),
                "--token-file", tokenFile.toString(), "--to", "gw-b", "--file", payload.toString());
        assertEquals(ExitCodes.UNREACHABLE, impostor.exit());
        assertTrue(impostor.err().contains("nothing was sent") && impostor.err().contains("not the gateway's own TLS"),
                impostor.err());

        CommandRun nobody = CommandRun.run("status", "--url", "https://127.0.0.1:" + FreePort.onLoopback(),
                "--trust", certificateFile("gw-a").toString(), "--token-file", tokenFile.toString(), "x@gw-a");
        assertEquals(ExitCodes.UNREACHABLE, nobody.exit());
        assertTrue(nobody.err().contains("nothing answers at https://127.0.0.1:"), nobody.err());

        CommandRun untrusted = CommandRun.run("status", "--url", url, "--token-file", tokenFile.toString(), "x@gw-a");
        assertEquals(ExitCodes.USAGE, untrusted.exit());
        assertTrue(untrusted.err().contains("give --trust CERT"), untrusted.err());
    }

    private static MessageLog log() {
        return GatewayParts.partsOf(sender).messageLog();
    }

    private static String token() throws Exception {
        return Files.readString(tokenFile).strip();
    }

    private static Path certificateFile(String party) throws Exception {
        Path file = dir.resolve(party + "-tls.der");
        if (!Files.exists(file)) {
            Files.write(file, certificate(party).getEncoded());
        }
        return file;
    }

    private static X509Certificate certificate(String party) throws Exception {
        GatewayConfig config = GatewayConfig.load(network.plan().home(party));
        KeyStore keys = Stores.read(config.keyStore(), config.keyStorePassword());
        return (X509Certificate) keys.getCertificate(PartyKit.TLS_SERVER_ALIAS);
    }

    private static byte[] form(String messageId, String document) {
        String b = "--b0undary\r\nContent-Disposition: form-data; name=\"";
        String text = b + "to\"\r\n\r\ngw-b\r\n" + b + "service\"\r\n\r\nurn:imigateway:demo:exchange\r\n" + b
                + "serviceType\"\r\n\r\nurn:imigateway:service\r\n" + b + "action\"\r\n\r\nDeliver\r\n" + b
                + "messageId\"\r\n\r\n" + messageId + "\r\n" + b + "payload\"; filename=\"n.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + document + "\r\n--b0undary--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** @param announced with a Content-Length, or streamed in chunks of unknown total length */
    private static HttpResponse<String> post(byte[] body, String authorization, boolean announced) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(new PinnedTrust(certificate("gw-a"), "test").context()).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/submit/v1/messages"))
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(announced ? HttpRequest.BodyPublishers.ofByteArray(body)
                        : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
