package org.imigateway.conformance.phase4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.util.UUID;

import org.imigateway.testsupport.phase4.Edelivery20Profiles;
import org.imigateway.testsupport.phase4.Phase4Keys;
import org.imigateway.testsupport.phase4.Phase4Party;
import org.imigateway.testsupport.phase4.Phase4Received;
import org.imigateway.testsupport.phase4.Phase4Receiver;

/**
 * A phase4 receiver for the suite to test, so the suite is shown not to be tuned to our own
 * gateway: the shared phase4 test peer ({@link Phase4Receiver}, imi-test-support) set up as an
 * eDelivery deployment of phase4 must be, since phase4 leaves these to its user: unsigned
 * messages refused (EBMS:0101), pings not delivered, each payload read (phase4 gunzips lazily, a
 * damaged stream is EBMS:0303) and the sender's certificate checked against the CRL. What is the
 * suite's own: like an integrator's backend, it writes each UserMessage it accepts into a
 * delivery folder, one file per delivery naming the MessageId, where the suite's delivery probes
 * look.
 */
public final class Phase4Target implements AutoCloseable {

    private final Path deliveries;
    private final Phase4Receiver receiver;

    public Phase4Target(KeyStore keys, char[] password, KeyStore trust, X509CRL crl, String self, String partner,
            String agreement, Path deliveries) throws IOException {
        this(keys, password, trust, crl, self, partner, agreement, deliveries, Edelivery20Profiles.Phase4Profile.EDELIVERY_1_15,
                "signing");
    }

    /**
     * A receiver of one security profile (an AS4 2.0 one: it accepts messages of that profile only
     * and signs its receipts with {@code signingAlias}).
     */
    public Phase4Target(KeyStore keys, char[] password, KeyStore trust, X509CRL crl, String self, String partner,
            String agreement, Path deliveries, Edelivery20Profiles.Phase4Profile profile, String signingAlias)
            throws IOException {
        this.deliveries = Files.createDirectories(deliveries);
        // Signs with the profile's signing alias; decrypts with whichever key the sender referenced (alias
        // "encryption"): both share the store's password. The parties carry no PartyId type.
        this.receiver = Phase4Receiver.builder()
                .keys(new Phase4Keys(keys, signingAlias, password, trust))
                .profile(profile)
                .self(new Phase4Party(self, ""))
                .partner(new Phase4Party(partner, ""))
                .agreement(agreement)
                .revocationList(crl)
                .onAccepted(this::deliver)
                .start();
    }

    public String endpoint() {
        return receiver.endpoint().toString();
    }

    private void deliver(Phase4Received message) {
        StringBuilder delivery = new StringBuilder("messageId=" + message.messageId() + "\n");
        for (Phase4Received.Payload payload : message.payloads()) {
            delivery.append(payload.contentId()).append(": ").append(payload.bytes().length).append(" bytes\n");
        }
        try {
            Files.writeString(deliveries.resolve("delivery-" + UUID.randomUUID() + ".txt"), delivery);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the delivery of " + message.messageId(), e);
        }
    }

    @Override
    public void close() {
        receiver.close();
    }
}
