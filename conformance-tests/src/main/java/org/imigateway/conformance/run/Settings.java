package org.imigateway.conformance.run;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imigateway.conformance.wire.As4TwoProfile;
import org.imigateway.conformance.wire.Identity;

/**
 * Everything a run needs to know about the target and about us, as the integrator gave it.
 *
 * @param ourSigning the key the suite signs with; its certificate must be the one the target
 *        has for {@code ourParty}
 * @param ourEncryption the key the target encrypts for when it sends to the suite (listen role)
 * @param tlsUrl the target's HTTPS endpoint for the TLS cases
 * @param deliveryDir where the target's backend writes delivered messages, the observable for
 *        "delivered once" and "ping not delivered"
 * @param imi the authorities the suite serves in the cooperation cases (IMI Gateway hubs)
 * @param as4Two the target's AS4 2.0 legs, per profile, that the integrator named
 * @param targetRetry the reception awareness of the leg the target sends to us on, for the case
 *        where the suite withholds every receipt
 */
public record Settings(
        URI targetUrl,
        Optional<URI> tlsUrl,
        X509Certificate targetSigning,
        X509Certificate targetEncryption,
        List<X509Certificate> trustAnchors,
        Identity ourSigning,
        Optional<Identity> ourEncryption,
        String ourParty,
        String targetParty,
        String service,
        Optional<String> serviceType,
        String action,
        Optional<String> agreement,
        Optional<Path> deliveryDir,
        Optional<Identity> expiredSigning,
        Optional<Identity> revokedSigning,
        String listenHost,
        int listenPort,
        Duration listenWait,
        Duration deliveryWait,
        ImiAuthorities imi,
        Map<As4TwoProfile, As4TwoLeg> as4Two,
        Optional<ReceptionAwareness> targetRetry) {

    public Settings {
        trustAnchors = List.copyOf(trustAnchors);
        as4Two = Map.copyOf(as4Two);
    }
}
