package org.imigateway.bench;

import static org.imigateway.GatewayParts.partsOf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imigateway.Gateway;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.HttpTransport;
import org.imigateway.as4.MimeEnvelope;
import org.imigateway.as4.MimeReader;
import org.imigateway.as4.Namespaces;
import org.imigateway.as4.ReceiptFactory;
import org.imigateway.as4.SecurityHeaderProcessor;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.as4.VerifiedSecurity;
import org.imigateway.as4.WorkFolders;
import org.imigateway.as4.outflow.PreparedMessage;
import org.imigateway.as4.outflow.SendResult;
import org.imigateway.as4.outflow.VerifyReceipt;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.pmode.Party;
import org.imigateway.testsupport.DemoPki;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cryptographic floor of one message: exactly the WSS4J work an exchange needs and nothing
 * durable, no HTTP and no compression. The sender signs eb:Messaging, the Body and the attachment
 * and encrypts the attachment (our {@code As4Sender.prepare}, which also writes the MIME body);
 * the receiver parses the MIME body, decrypts, verifies (trust path and CRL included) and signs
 * a receipt; the sender verifies the receipt and its NRR digests. An end-to-end exchange cannot
 * be cheaper than this on the same keys and payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CryptoFloorBenchmark {


    @Param({"edelivery-1.15", "edelivery-2.0-eddsa", "edelivery-2.0-ecdsa"})
    public String profile;

    @Param({"10KB", "1MB", "20MB"})
    public String size;

    private Path dir;
    private Gateway sender;
    private Cryptos senderKeys;
    private Cryptos receiverKeys;
    private SecurityProfile securityProfile;
    private Path payload;
    private List<X509Certificate> allowedSigners;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        securityProfile = SecurityProfile.byId(profile).orElseThrow();
        dir = Files.createTempDirectory("imi-floor-");
        DemoNetwork plan = DemoNetwork.create(dir.resolve("net"), List.of(BenchNetwork.SENDER, BenchNetwork.RECEIVER), false);
        for (Path home : plan.homes().values()) {
            BenchNetwork.raiseLimits(home);
            Path pmodes = home.resolve("config/pmodes/pmodes.xml");
            // compression is not cryptography: the floor leaves it out
            Files.writeString(pmodes, Files.readString(pmodes).replace("<compression>true</compression>",
                    "<compression>false</compression>"));
        }
        sender = Gateway.open(plan.home(BenchNetwork.SENDER));
        DemoPki pki = DemoPki.at(plan.pki());
        List<X509Certificate> anchors = List.of(pki.caCertificate());
        List<X509Certificate> partners = new ArrayList<>();
        for (Party party : partsOf(sender).pmodes().parties()) {
            partners.addAll(party.allCertificates());
        }
        senderKeys = PartyCryptos.of(plan.pki(), BenchNetwork.SENDER, pki.password(), anchors, partners);
        receiverKeys = PartyCryptos.of(plan.pki(), BenchNetwork.RECEIVER, pki.password(), anchors, partners);
        allowedSigners = List.of(partsOf(sender).pmodes().party(BenchNetwork.SENDER).orElseThrow()
                .certificates(securityProfile).orElseThrow().signing());
        payload = Payloads.xml(dir, Payloads.parseSize(size));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        WorkFolders.deleteQuietly(dir);
    }

    @Benchmark
    public SendResult exchange() throws Exception {
        Path senderWork = sender.sender().newWorkDir();
        Path receiverWork = Files.createTempDirectory(dir, "in-");
        try {
            PreparedMessage prepared = sender.sender().prepare(GatewayToGateway.submission(
                    new RunPlan(securityProfile, Files.size(payload), 1, 0, 1, java.util.OptionalDouble.empty()),
                    payload, 0), senderWork);
            MimeEnvelope received;
            try (InputStream body = Files.newInputStream(prepared.body())) {
                received = new MimeReader(Long.MAX_VALUE).read(prepared.contentType(), body, receiverWork);
            }
            VerifiedSecurity verified = new SecurityHeaderProcessor().process(received, securityProfile, receiverKeys,
                    allowedSigners, receiverWork);
            byte[] receipt = new ReceiptFactory().create(prepared.messageId(), verified.signatureReferences(),
                    securityProfile, receiverKeys, receiverWork);
            SendResult result = new VerifyReceipt().verify(prepared.messageId(), prepared.leg(), prepared.receiver(),
                    prepared.signedReferences(), new HttpTransport.Response(200, Namespaces.SOAP12_CONTENT_TYPE, receipt),
                    senderKeys, senderWork);
            if (!(result instanceof SendResult.Acknowledged)) {
                throw new IllegalStateException("the floor exchange did not end in a verified receipt: " + result);
            }
            return result;
        } finally {
            WorkFolders.deleteQuietly(senderWork);
            WorkFolders.deleteQuietly(receiverWork);
        }
    }

    /** Runs one exchange outside JMH: the smoke test's check that the benchmark works at all. */
    public static SendResult once(String profile, String size) throws IOException {
        CryptoFloorBenchmark benchmark = new CryptoFloorBenchmark();
        benchmark.profile = profile;
        benchmark.size = size;
        try {
            benchmark.setUp();
            return benchmark.exchange();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (benchmark.sender != null) {
                benchmark.tearDown();
            }
        }
    }
}
