package org.imigateway.conformance.run;

import java.security.cert.X509Certificate;

import org.imigateway.conformance.wire.As4TwoProfile;
import org.imigateway.conformance.wire.Identity;

/**
 * A leg of the target under an AS4 2.0 profile, for the same Service as the 1.15 leg: its
 * Action, the target's certificates of that profile and the key the suite signs with on it.
 */
public record As4TwoLeg(As4TwoProfile profile, String action, X509Certificate targetSigning,
        X509Certificate targetEncryption, Identity ourSigning) {
}
