package org.imigateway.as4.hostile;

import static org.imigateway.GatewayParts.partsOf;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.imigateway.Gateway;
import org.imigateway.TestNetwork;
import org.imigateway.as4.Cryptos;
import org.imigateway.as4.KeyMaterial;
import org.imigateway.as4.ProfileKeys;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.config.GatewayConfig;
import org.imigateway.pmode.PModeLoader;
import org.imigateway.connectors.fs.FolderInbox;
import org.imigateway.store.Direction;

/**
 * The receiving gateway of the hostile corpus and the keys its attackers hold. Besides the demo
 * parties it knows, through an extra PMode file: a third party {@value #THIRD_PARTY}, a party whose
 * only signing certificate has expired, one whose certificate the CA revoked (the receiver
 * starts with the CRL that says so), and three more legs: {@value #NOTIFY} (like the demo leg),
 * {@value #PLAIN} (signed, not encrypted) and {@value #SMALL} (payloads up to
 * {@value #SMALL_LIMIT} bytes). The keys: the sender's own, the third party's, those of the
 * expired and revoked certificates, a certificate for the sender's name from a rogue CA, and a
 * valid certificate of our CA that belongs to no party ("stranger").
 */
final class HostileNetwork implements AutoCloseable {

    static final String SENDER = "gw-a";
    static final String RECEIVER = "gw-b";
    static final String THIRD_PARTY = "gw-c";
    static final String EXPIRED_PARTY = "expired-party";
    static final String REVOKED_PARTY = "revoked-party";
    static final String NOTIFY = "Notify";
    static final String PLAIN = "Plain";
    static final String SMALL = "Small";
    static final long SMALL_LIMIT = 1024;

    final TestNetwork network;
    final Gateway receiver;
    final MessageCrafter crafter;
    final Cryptos otherPartyKeys;
    final Cryptos rogueKeys;
    final Cryptos expiredKeys;
    final Cryptos revokedKeys;
    final Cryptos strangerKeys;
    final X509Certificate otherPartyEncryption;

    private HostileNetwork(TestNetwork network, Gateway receiver, MessageCrafter crafter, Cryptos otherPartyKeys,
            Cryptos rogueKeys, Cryptos expiredKeys, Cryptos revokedKeys, Cryptos strangerKeys,
            X509Certificate otherPartyEncryption) {
        this.network = network;
        this.receiver = receiver;
        this.crafter = crafter;
        this.otherPartyKeys = otherPartyKeys;
        this.rogueKeys = rogueKeys;
        this.expiredKeys = expiredKeys;
        this.revokedKeys = revokedKeys;
        this.strangerKeys = strangerKeys;
        this.otherPartyEncryption = otherPartyEncryption;
    }

    static HostileNetwork start(Path dir) throws Exception {
        TestNetwork network = TestNetwork.create(dir.resolve("net"), SENDER, RECEIVER);
        Path pki = network.plan().pki();
        Path home = network.plan().home(RECEIVER);
        char[] password = GatewayConfig.load(home).keyStorePassword();
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(pki), password);

        IssuedCertificate otherSigning = ca.issueSigning(THIRD_PARTY);
        IssuedCertificate otherEncryption = ca.issueEncryption(THIRD_PARTY);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedCertificate expired = ca.issue(CertificateRequest.of(EXPIRED_PARTY, CertificatePurpose.SIGNING)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        IssuedCertificate revoked = ca.issueSigning(REVOKED_PARTY);
        ca.revoke(revoked.certificate());
        Stores.writePem(home.resolve("keystores/ca-crl.pem"), List.of(ca.crl()));
        IssuedCertificate rogue = CertificateAuthority.create("Rogue CA").issueSigning(SENDER);
        IssuedCertificate stranger = ca.issueSigning("stranger");

        Path certs = home.resolve("config/pmodes/certs");
        Stores.writePem(certs.resolve(THIRD_PARTY + "-signing.pem"), List.of(otherSigning.certificate()));
        Stores.writePem(certs.resolve(THIRD_PARTY + "-encryption.pem"), List.of(otherEncryption.certificate()));
        Stores.writePem(certs.resolve(EXPIRED_PARTY + "-signing.pem"), List.of(expired.certificate()));
        Stores.writePem(certs.resolve(REVOKED_PARTY + "-signing.pem"), List.of(revoked.certificate()));
        Files.writeString(home.resolve("config/pmodes/hostile.xml"), hostilePModes(), StandardCharsets.UTF_8);

        Gateway receiver = network.start(RECEIVER);
        PartyKit sender = PartyKit.read(pki, SENDER, password);
        List<X509Certificate> anchors = List.of(ca.certificate());
        MessageCrafter crafter = new MessageCrafter(new PModeLoader().load(home.resolve("config/pmodes")), SENDER,
                RECEIVER, senderKeys(sender, anchors), URI.create(receiver.endpoints().get(0)),
                dir.resolve("craft"));
        return new HostileNetwork(network, receiver, crafter, keys(otherSigning, sender, anchors),
                keys(rogue, sender, anchors), keys(expired, sender, anchors), keys(revoked, sender, anchors),
                keys(stranger, sender, anchors), otherEncryption.certificate());
    }

    /** The sender's own keys for every profile, as its gateway would hold them. */
    private static Cryptos senderKeys(PartyKit sender, List<X509Certificate> anchors) {
        Map<SecurityProfile, ProfileKeys> profileKeys = new EnumMap<>(SecurityProfile.class);
        for (SecurityProfile profile : SecurityProfile.values()) {
            if (profile != SecurityProfile.EDELIVERY_1_15) {
                IssuedCertificate signing = sender.profileKey(profile.signingAlias()).orElseThrow();
                IssuedCertificate encryption = sender.profileKey(profile.encryptionAlias()).orElseThrow();
                profileKeys.put(profile, new ProfileKeys(signing.privateKey(), signing.chain(),
                        encryption.privateKey(), encryption.chain()));
            }
        }
        return new Cryptos(new KeyMaterial(sender.signing().privateKey(), sender.signing().chain(),
                sender.encryption().privateKey(), sender.encryption().chain(), anchors, List.of(), profileKeys), List.of());
    }

    /** Signs with {@code signing}; decrypts (never needed) with the sender's encryption key. */
    private static Cryptos keys(IssuedCertificate signing, PartyKit sender, List<X509Certificate> anchors) {
        return new Cryptos(new KeyMaterial(signing.privateKey(), signing.chain(), sender.encryption().privateKey(),
                sender.encryption().chain(), anchors, List.of()), List.of());
    }

    private static String hostilePModes() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<pmodes xmlns=\"urn:imigateway:pmode:1\">\n");
        for (String party : List.of(THIRD_PARTY, EXPIRED_PARTY, REVOKED_PARTY)) {
            String encryption = party.equals(THIRD_PARTY) ? THIRD_PARTY : SENDER;
            xml.append("  <party name=\"").append(party).append("\">\n")
                    .append("    <partyId>").append(party).append("</partyId>\n")
                    .append("    <signingCertificate>certs/").append(party).append("-signing.pem</signingCertificate>\n")
                    .append("    <encryptionCertificate>certs/").append(encryption)
                    .append("-encryption.pem</encryptionCertificate>\n")
                    .append("  </party>\n");
        }
        xml.append(leg("hostile-notify", NOTIFY, "<security profile=\"edelivery-1.15\"/>", ""));
        xml.append(leg("hostile-plain", PLAIN, "<security profile=\"edelivery-1.15\" encrypt=\"false\"/>", ""));
        xml.append(leg("hostile-small", SMALL, "<security profile=\"edelivery-1.15\"/>",
                "<maxPayloadSize>" + SMALL_LIMIT + "</maxPayloadSize>"));
        return xml.append("</pmodes>\n").toString();
    }

    private static String leg(String id, String action, String security, String limit) {
        return """
                  <leg id="%s">
                    <service type="%s">%s</service>
                    <action>%s</action>
                    <agreement>%s</agreement>
                    %s
                    <receptionAwareness retry="2;4;CONSTANT" duplicateDetection="true"/>
                    %s
                  </leg>
                """.formatted(id, DemoNetwork.SERVICE_TYPE, DemoNetwork.SERVICE, action, DemoNetwork.AGREEMENT,
                security, limit);
    }

    /**
     * Inbound messages in the receiver's message log, pings excluded. A message is stored there
     * before its receipt is answered, so the count is exact right after an answer; delivery to
     * the backend only moves it from RECEIVED to DELIVERED.
     */
    long storedInbound() {
        return partsOf(receiver).messageLog().countByStatus().entrySet().stream()
                .filter(count -> count.getKey().direction() == Direction.INBOUND)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** How many times the receiver's backend inbox holds the message. */
    long deliveredCopies(String messageId) throws IOException {
        long copies = 0;
        for (Path folder : receiver.inbox().messages()) {
            if (messageId.equals(FolderInbox.read(folder).messageId())) {
                copies++;
            }
        }
        return copies;
    }

    @Override
    public void close() {
        network.close();
    }
}
