package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.imigateway.as4.hostile.Craft;
import org.imigateway.as4.hostile.MessageCrafter;
import org.imigateway.as4.outflow.BuildUserMessage;
import org.imigateway.as4.outflow.OutboundMessage;
import org.imigateway.as4.outflow.PreparePayloads;
import org.imigateway.as4.outflow.ResolveRoute;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.KeyAlgorithm;
import org.imigateway.certificates.Stores;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.connectors.Payload;
import org.imigateway.connectors.Submission;
import org.imigateway.pmode.LegXml;
import org.imigateway.pmode.PModeLoader;
import org.imigateway.pmode.PModeSet;
import org.imigateway.pmode.Party;
import org.imigateway.store.Database;
import org.imigateway.store.DerbySink;
import org.imigateway.store.MessageLog;
import org.imigateway.store.PayloadStore;
import org.junit.jupiter.api.function.Executable;

import org.imigateway.pmode.SecurityProfile;
/**
 * The real inputs of the step tests, made once per test run because RSA 3072 keys are slow:
 * one CA; {@value #SENDER} and {@value #RECEIVER} with AS4 1.15 and AS4 2.0 EdDSA keys;
 * {@value #THIRD_PARTY}, known to the PModes with AS4 1.15 certificates only and no endpoint;
 * the PModes as {@value #RECEIVER} loads them with {@link PModeLoader}; the hostile corpus's
 * {@link MessageCrafter} sending as {@value #SENDER}; and, on first use, a Derby-backed sink.
 * <p>
 * Legs, all on the demo service and agreement, picked by Action: {@link DemoNetwork#ACTION}
 * (the demo leg: signed, encrypted, compressed), {@link DemoNetwork#ACTION_EDDSA} (the same on
 * AS4 2.0 EdDSA), {@value #PLAIN} (signed only, uncompressed), {@value #UNSIGNED} (no security),
 * {@value #SMALL} (payloads up to {@value #SMALL_LIMIT} bytes), {@value #SCHEMA} (leading payload
 * checked against {@code note.xsd}, which the crafter's default payload satisfies),
 * {@value #RESTRICTED} (only {@value #THIRD_PARTY} may send) and {@value #NO_DUPLICATE_CHECK}.
 */
public final class StepParties {

    public static final String SENDER = "gw-a";
    public static final String RECEIVER = "gw-b";
    public static final String THIRD_PARTY = "gw-c";
    public static final String PLAIN = "Plain";
    public static final String UNSIGNED = "Unsigned";
    public static final String SMALL = "Small";
    public static final long SMALL_LIMIT = 1024;
    public static final String SCHEMA = "Schema";
    public static final String RESTRICTED = "Restricted";
    public static final String NO_DUPLICATE_CHECK = "NoDuplicateCheck";
    /** The namespace of the crafter's default payload and of {@code note.xsd}. */
    public static final String NOTE_NAMESPACE = "urn:hostile";

    /** A note is text, nothing else. */
    private static final String NOTE_XSD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hostile"
                       elementFormDefault="qualified">
              <xs:element name="note" type="xs:string"/>
            </xs:schema>
            """;

    private static final SecurityProfile EDDSA = SecurityProfile.EDELIVERY_2_0_EDDSA;
    private static StepParties shared;

    public final Path dir;
    public final PModeSet pmodes;
    public final Cryptos senderKeys;
    public final Cryptos receiverKeys;
    /** The receiver's AS4 1.15 keys without its AS4 2.0 keys. */
    public final Cryptos receiverRsaKeysOnly;
    /** The sender's AS4 1.15 keys, with an EdDSA signing certificate of our CA that no party holds. */
    public final Cryptos strangerKeys;
    public final X509Certificate senderSigning;
    public final X509Certificate senderEncryption;
    public final X509Certificate receiverSigning;
    private final MessageCrafter crafter;
    private Database database;
    private MessageLog messageLog;
    private DerbySink sink;
    private DerbySink brokenSink;

    private StepParties(Path dir) throws Exception {
        this.dir = dir;
        CertificateAuthority ca = CertificateAuthority.create("Step CA");
        Keys sender = Keys.issue(ca, SENDER);
        Keys receiver = Keys.issue(ca, RECEIVER);
        IssuedCertificate thirdSigning = ca.issueSigning(THIRD_PARTY);
        IssuedCertificate stranger = ca.issueSigning("stranger", KeyAlgorithm.ED25519);

        Path pmodeDir = Files.createDirectories(dir.resolve("pmodes"));
        sender.writePem(pmodeDir);
        receiver.writePem(pmodeDir);
        Stores.writePem(pmodeDir.resolve("certs/" + THIRD_PARTY + "-signing.pem"), List.of(thirdSigning.certificate()));
        Files.writeString(pmodeDir.resolve("note.xsd"), NOTE_XSD, StandardCharsets.UTF_8);
        Files.writeString(pmodeDir.resolve("pmodes.xml"), pmodesXml(), StandardCharsets.UTF_8);
        this.pmodes = new PModeLoader().load(pmodeDir);

        List<X509Certificate> partners = new ArrayList<>();
        pmodes.parties().forEach(p -> partners.addAll(p.allCertificates()));
        this.senderKeys = sender.cryptos(ca, Map.of(EDDSA, sender.eddsa()), partners);
        this.receiverKeys = receiver.cryptos(ca, Map.of(EDDSA, receiver.eddsa()), partners);
        this.receiverRsaKeysOnly = receiver.cryptos(ca, Map.of(), partners);
        this.strangerKeys = sender.cryptos(ca, Map.of(EDDSA, new ProfileKeys(stranger.privateKey(), stranger.chain(),
                sender.x25519.privateKey(), sender.x25519.chain())), List.of());
        this.senderSigning = sender.signing.certificate();
        this.senderEncryption = sender.encryption.certificate();
        this.receiverSigning = receiver.signing.certificate();
        this.crafter = new MessageCrafter(pmodes, SENDER, RECEIVER, senderKeys, URI.create("http://127.0.0.1:9/unused"),
                dir.resolve("craft"));
    }

    /** The one instance of this test run. */
    public static synchronized StepParties get() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("step-parties-");
                shared = new StepParties(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
            } catch (Exception e) {
                throw new IllegalStateException("the step test parties cannot be made: " + e, e);
            }
        }
        return shared;
    }

    /** A message from {@value #SENDER} to {@value #RECEIVER} on the demo leg, to change before it is built. */
    public Craft craft() {
        return crafter.craft();
    }

    /** A submission from {@value #SENDER}'s backend to {@value #RECEIVER} on the leg of {@code action}. */
    public Submission.Builder submission(String action) {
        return Submission.to(RECEIVER).service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE).action(action);
    }

    /** The submission taken through the outbound steps before signing: route, payloads, header. */
    public OutboundMessage built(Submission submission) {
        try {
            OutboundMessage message = new ResolveRoute().resolve(submission, pmodes, SENDER, newFolder("out-"));
            new PreparePayloads().prepare(message);
            new BuildUserMessage().build(message);
            return message;
        } catch (EbmsException | IOException e) {
            throw new IllegalStateException("the outbound steps before signing failed: " + e, e);
        }
    }

    /** A message built on the leg of {@code action} with two payloads: a small XML note and 2 KiB of binary. */
    public OutboundMessage builtWithTwoPayloads(String action) {
        return built(submission(action).payload(xmlPayload("<note xmlns=\"urn:hostile\">two payloads</note>"))
                .payload(binaryPayload(2048)).build());
    }

    public static Set<String> contentIds(MimeEnvelope envelope) {
        return envelope.parts().stream().map(As4Part::contentId).collect(Collectors.toSet());
    }

    /** The SOAP envelope and attachments of a built message, not yet signed or encrypted. */
    public static MimeEnvelope envelope(OutboundMessage message) {
        return new MimeEnvelope(SoapEnvelopes.withMessaging(message.messaging()),
                message.parts().stream().map(OutboundMessage.OutboundPart::part).toList());
    }

    /** The envelope as the receiver reads it: written as MIME by {@link MimeWriter}, read back by {@link MimeReader}. */
    public MimeEnvelope overTheWire(MimeEnvelope sent) {
        try {
            Path folder = newFolder("wire-");
            MimeWriter.Written written = new MimeWriter().write(sent.soap(), sent.parts(), folder.resolve("body.mime"));
            try (InputStream in = Files.newInputStream(written.file())) {
                return new MimeReader(1L << 30).read(written.contentType(), in, folder);
            }
        } catch (IOException | EbmsException e) {
            throw new IllegalStateException("the message cannot be written and read back: " + e, e);
        }
    }

    public Party party(String name) {
        return pmodes.party(name).orElseThrow();
    }

    /** A fresh folder below the fixture's own. */
    public Path newFolder(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(dir.resolve("work")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An XML payload with {@code text} as its file's content. */
    public Payload xmlPayload(String text) {
        try {
            return Payload.of(Files.writeString(newFolder("payload-").resolve("payload.xml"), text, StandardCharsets.UTF_8),
                    "application/xml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code size} bytes that do not compress, the same in every run. */
    public Payload binaryPayload(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        try {
            return Payload.of(Files.write(newFolder("payload-").resolve("payload.bin"), bytes), "application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Derby-backed inbound sink, opened on first use. */
    public synchronized DerbySink sink() {
        if (sink == null) {
            try {
                database = Database.open(dir.resolve("derby"));
                messageLog = new MessageLog(database);
                sink = new DerbySink(messageLog, new PayloadStore(database, dir.resolve("payloads")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sink;
    }

    /**
     * A Derby sink whose database has lost its receipt table: reading and writing the message
     * log fail with SQL errors, as on a damaged database. Made on first use.
     */
    public synchronized DerbySink brokenSink() {
        if (brokenSink != null) {
            return brokenSink;
        }
        try {
            Path folder = newFolder("broken-");
            Database damaged = Database.open(folder.resolve("derby"));
            damaged.inTransaction(connection -> {
                try (Statement drop = connection.createStatement()) {
                    return drop.executeUpdate("DROP TABLE receipt");
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(damaged::close));
            brokenSink = new DerbySink(new MessageLog(damaged), new PayloadStore(damaged, folder.resolve("payloads")));
            return brokenSink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized MessageLog messageLog() {
        sink();
        return messageLog;
    }

    /**
     * Runs {@code step}, asserts that it refuses with {@code code} and that the detail names
     * every one of {@code named} (the field and the value at fault), and returns the refusal.
     */
    public static EbmsException assertRefused(EbmsErrorCode code, Executable step, String... named) {
        EbmsException refusal = assertThrows(EbmsException.class, step);
        String detail = refusal.error().detail();
        assertEquals(code, refusal.code(), () -> "refused with another code: " + refusal.error());
        for (String name : named) {
            assertTrue(detail.contains(name), () -> "the detail does not name '" + name + "': " + detail);
        }
        return refusal;
    }

    private static String pmodesXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<pmodes xmlns=\"urn:imigateway:pmode:1\">\n");
        for (String party : List.of(SENDER, RECEIVER)) {
            xml.append("  <party name=\"").append(party).append("\">\n")
                    .append("    <partyId>").append(party).append("</partyId>\n")
                    .append("    <endpoint>http://127.0.0.1:9/").append(party).append("</endpoint>\n")
                    .append("    <signingCertificate>certs/").append(party).append("-signing.pem</signingCertificate>\n")
                    .append("    <encryptionCertificate>certs/").append(party).append("-encryption.pem</encryptionCertificate>\n")
                    .append("    <profileCertificates profile=\"edelivery-2.0-eddsa\">\n")
                    .append("      <signingCertificate>certs/").append(party).append("-eddsa.pem</signingCertificate>\n")
                    .append("      <encryptionCertificate>certs/").append(party).append("-x25519.pem</encryptionCertificate>\n")
                    .append("    </profileCertificates>\n")
                    .append("  </party>\n");
        }
        xml.append("  <party name=\"" + THIRD_PARTY + "\">\n"
                + "    <partyId>" + THIRD_PARTY + "</partyId>\n"
                + "    <signingCertificate>certs/" + THIRD_PARTY + "-signing.pem</signingCertificate>\n"
                + "    <encryptionCertificate>certs/" + SENDER + "-encryption.pem</encryptionCertificate>\n"
                + "  </party>\n");
        long megabyte = 1 << 20;
        String rsa = "<security profile=\"edelivery-1.15\"/>";
        xml.append(demoLeg("step-deliver", DemoNetwork.ACTION, "edelivery-1.15", megabyte, Optional.empty()));
        xml.append(demoLeg("step-eddsa", DemoNetwork.ACTION_EDDSA, "edelivery-2.0-eddsa", megabyte, Optional.empty()));
        xml.append(demoLeg("step-small", SMALL, "edelivery-1.15", SMALL_LIMIT, Optional.empty()));
        xml.append(demoLeg("step-schema", SCHEMA, "edelivery-1.15", megabyte, Optional.of("note.xsd")));
        // The other legs are the demo leg with one thing changed.
        String uncompressed = "<compression>false</compression>";
        xml.append(demoLeg("step-plain", PLAIN, leg -> leg.replace(rsa, "<security profile=\"edelivery-1.15\" encrypt=\"false\"/>")
                .replace("<compression>true</compression>", uncompressed)));
        xml.append(demoLeg("step-unsigned", UNSIGNED, leg -> leg.replace(rsa,
                "<security profile=\"edelivery-1.15\" sign=\"false\" encrypt=\"false\"/>")
                .replace("<compression>true</compression>", uncompressed)));
        xml.append(demoLeg("step-restricted", RESTRICTED,
                leg -> leg.replace(rsa, "<initiator>" + THIRD_PARTY + "</initiator>" + rsa)));
        xml.append(demoLeg("step-no-duplicate-check", NO_DUPLICATE_CHECK,
                leg -> leg.replace("duplicateDetection=\"true\"", "duplicateDetection=\"false\"")));
        return xml.append("</pmodes>\n").toString();
    }

    /** The demo leg with {@code change} applied; stops when LegXml no longer writes what it changes. */
    private static String demoLeg(String id, String action, UnaryOperator<String> change) {
        String demo = demoLeg(id, action, "edelivery-1.15", 1 << 20, Optional.empty());
        String changed = change.apply(demo);
        if (changed.equals(demo)) {
            throw new IllegalStateException("leg " + id + " came out as the demo leg: LegXml writes another form now");
        }
        return changed;
    }

    private static String demoLeg(String id, String action, String profile, long limit, Optional<String> schema) {
        return new LegXml(id, DemoNetwork.SERVICE_TYPE, DemoNetwork.SERVICE, action, DemoNetwork.AGREEMENT, profile, limit,
                schema).xml();
    }

    private synchronized void close() {
        if (database != null) {
            database.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is no reason to fail the run
        }
    }

    /** One party's keys: AS4 1.15 (RSA) and AS4 2.0 EdDSA (Ed25519 signing, X25519 key agreement). */
    private record Keys(String party, IssuedCertificate signing, IssuedCertificate encryption, IssuedCertificate ed25519,
            IssuedCertificate x25519) {

        static Keys issue(CertificateAuthority ca, String party) {
            return new Keys(party, ca.issueSigning(party), ca.issueEncryption(party),
                    ca.issueSigning(party, KeyAlgorithm.ED25519), ca.issueEncryption(party, KeyAlgorithm.X25519));
        }

        ProfileKeys eddsa() {
            return new ProfileKeys(ed25519.privateKey(), ed25519.chain(), x25519.privateKey(), x25519.chain());
        }

        Cryptos cryptos(CertificateAuthority ca, Map<SecurityProfile, ProfileKeys> profileKeys,
                List<X509Certificate> partners) {
            return new Cryptos(new KeyMaterial(signing.privateKey(), signing.chain(), encryption.privateKey(),
                    encryption.chain(), List.of(ca.certificate()), List.of(ca.crl()), profileKeys), partners);
        }

        void writePem(Path pmodeDir) {
            Stores.writePem(pmodeDir.resolve("certs/" + party + "-signing.pem"), List.of(signing.certificate()));
            Stores.writePem(pmodeDir.resolve("certs/" + party + "-encryption.pem"), List.of(encryption.certificate()));
            Stores.writePem(pmodeDir.resolve("certs/" + party + "-eddsa.pem"), List.of(ed25519.certificate()));
            Stores.writePem(pmodeDir.resolve("certs/" + party + "-x25519.pem"), List.of(x25519.certificate()));
        }
    }
}
