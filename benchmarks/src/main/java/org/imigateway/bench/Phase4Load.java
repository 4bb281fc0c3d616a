package org.imigateway.bench;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.imigateway.pmode.SecurityProfile;
import org.imigateway.demo.DemoNetwork;
import org.imigateway.testsupport.phase4.Edelivery20Profiles.Phase4Profile;
import org.imigateway.testsupport.phase4.Phase4Keys;
import org.imigateway.testsupport.phase4.Phase4Party;
import org.imigateway.testsupport.phase4.Phase4Payload;
import org.imigateway.testsupport.phase4.Phase4Property;
import org.imigateway.testsupport.phase4.Phase4SendOutcome;
import org.imigateway.testsupport.phase4.Phase4Sender;
import org.imigateway.testsupport.phase4.Phase4Submission;

/**
 * phase4 as the sending side of a baseline: each send is synchronous (POST, then the receipt is
 * verified), so a message is complete when its send returns; the instant is kept as its receipt time.
 */
final class Phase4Load {

    /** Waits long for a receipt: a loaded phase4 receiver answers a 20 MB message in minutes, not seconds. */
    private final Phase4Sender sender = new Phase4Sender(java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(10));
    private final Phase4Keys keys;
    private final X509Certificate encryptFor;
    private final URI endpoint;
    private final Phase4Party to;
    private final Phase4Profile profile;
    private final SecurityProfile ours;
    private final Path payload;
    final Map<String, Instant> acknowledged = new ConcurrentHashMap<>();
    private final Completions completed = new Completions();
    private final AtomicInteger failed = new AtomicInteger();

    Phase4Load(BenchNetwork network, SecurityProfile profile, X509Certificate encryptFor, URI endpoint, String toParty,
            Path payload) {
        this.keys = network.phase4Keys(BenchNetwork.PHASE4_SENDER, profile);
        this.encryptFor = encryptFor;
        this.endpoint = endpoint;
        this.to = Phase4Party.unregistered(toParty);
        this.profile = Phase4Profile.valueOf(profile.name());
        this.ours = profile;
        this.payload = payload;
    }

    String send(int index) {
        Phase4SendOutcome outcome = sender.send(Phase4Submission.builder()
                .profile(profile)
                .endpoint(endpoint)
                .keys(keys)
                .encryptFor(encryptFor)
                .from(Phase4Party.unregistered(BenchNetwork.PHASE4_SENDER)).to(to)
                .service(DemoNetwork.SERVICE, DemoNetwork.SERVICE_TYPE)
                .action(DemoNetwork.action(ours))
                .agreementRef(DemoNetwork.AGREEMENT)
                .conversationId("bench-" + index)
                .property(Phase4Property.ORIGINAL_SENDER, "urn:authority:bench-sender")
                .property(Phase4Property.FINAL_RECIPIENT, "urn:authority:bench-receiver")
                .payload(Phase4Payload.ofFile(payload, "application/xml").withCompression(true))
                .build());
        if (outcome instanceof Phase4SendOutcome.ReceiptReceived receipt && receipt.isFullyVerified()) {
            acknowledged.put(receipt.messageId(), Instant.now());
        } else {
            failed.incrementAndGet();
        }
        completed.add();
        return outcome.messageId();
    }

    Completions completed() {
        return completed;
    }

    int failed() {
        return failed.get();
    }
}
