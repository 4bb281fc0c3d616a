package org.imigateway.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.imigateway.Gateway;
import org.imigateway.pmode.SecurityProfile;
import org.imigateway.store.DatabaseSettings;
import org.imigateway.certificates.PartyKit;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.testsupport.DemoPki;
import org.imigateway.testsupport.GatewayHome;
import org.imigateway.testsupport.phase4.Phase4Keys;

/**
 * The parties of a benchmark on loopback, from one demo PKI: our gateways {@link #SENDER} and
 * {@link #RECEIVER}, and two phase4 parties for the baselines. Every home knows every party, so
 * phase4 can send to our receiver as well as to its own kind. Limits are raised so that the
 * largest payload is allowed and a slow receipt is waited for rather than retried.
 */
public final class BenchNetwork implements AutoCloseable {

    public static final String SENDER = "gw-a";
    public static final String RECEIVER = "gw-b";
    public static final String PHASE4_SENDER = "p4-a";
    public static final String PHASE4_RECEIVER = "p4-b";
    /** The benchmark's gateways take what the disk holds; 16 GiB leaves room for the 5 GiB run. */
    public static final long MAX_PAYLOAD = 16L << 30;
    /** Connections of each of our gateways to PostgreSQL: the gateway's default. */
    static final int POOL_SIZE = DatabaseSettings.DEFAULT_POOL_SIZE;

    private final DemoNetwork plan;
    private final BenchDatabase database;
    private final DemoPki pki;
    private Gateway sender;
    private Gateway receiver;

    private BenchNetwork(DemoNetwork plan, BenchDatabase database) {
        this.plan = plan;
        this.database = database;
        this.pki = DemoPki.at(plan.pki());
    }

    /** The network with our two gateways' message logs in {@code database}. */
    static BenchNetwork create(Path dir, BenchDatabase database) throws IOException {
        DemoNetwork plan = DemoNetwork.create(dir, List.of(SENDER, RECEIVER, PHASE4_SENDER, PHASE4_RECEIVER), false);
        for (Path home : plan.homes().values()) {
            raiseLimits(home);
        }
        for (String ours : List.of(SENDER, RECEIVER)) {
            database.configure(plan.home(ours), POOL_SIZE);
        }
        return new BenchNetwork(plan, database);
    }

    /**
     * Payloads up to {@link #MAX_PAYLOAD}, a receipt waited for up to an hour (a 2 GiB message is
     * slow to check), and the whole AS4 port open to one address: the load generator on 127.0.0.1
     * stands for many partners, so the per-client share would measure the limit, not the gateway.
     */
    static void raiseLimits(Path home) throws IOException {
        GatewayHome.at(home)
                .editPModes(xml -> xml.replace("<maxPayloadSize>1073741824</maxPayloadSize>",
                        "<maxPayloadSize>" + MAX_PAYLOAD + "</maxPayloadSize>"))
                .editProperties(properties -> properties.replace("send.timeoutSeconds=60", "send.timeoutSeconds=3600"))
                .appendProperties("limits.maxMessageBytes=" + (MAX_PAYLOAD + (64 << 20)),
                        "admission.as4.maxConnectionsPerClient=512", "admission.as4.maxRequestsPerClient=48");
    }

    public DemoNetwork plan() {
        return plan;
    }

    /** Where our gateways keep their message logs; its CPU counts with theirs. */
    BenchDatabase database() {
        return database;
    }

    /** Our two gateways, started on first use and then kept for every run. */
    public synchronized Gateway sender() throws Exception {
        if (sender == null) {
            sender = Gateway.start(plan.home(SENDER));
        }
        return sender;
    }

    public synchronized Gateway receiver() throws Exception {
        if (receiver == null) {
            receiver = Gateway.start(plan.home(RECEIVER));
        }
        return receiver;
    }

    /**
     * A phase4 party's keys for a profile: it signs with the profile's signing key and finds its
     * decryption (1.15) or key agreement (2.0) key in the same store.
     */
    public Phase4Keys phase4Keys(String party, SecurityProfile profile) {
        return pki.phase4Keys(party, profile.signingAlias());
    }

    /** The certificate phase4 encrypts for when it sends to another phase4 party: 1.15 decrypts with the signing key. */
    public X509Certificate phase4EncryptionCertificate(String party, SecurityProfile profile) {
        String alias = profile == SecurityProfile.EDELIVERY_1_15 ? PartyKit.SIGNING_ALIAS : profile.encryptionAlias();
        return pki.certificate(party, alias);
    }

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
