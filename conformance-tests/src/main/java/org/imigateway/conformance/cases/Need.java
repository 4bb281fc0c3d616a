package org.imigateway.conformance.cases;

import java.util.Optional;

import org.imigateway.conformance.run.Settings;
import org.imigateway.conformance.wire.As4TwoProfile;

/** What a case needs beyond the wire; without it the case is skipped with the option to give. */
public enum Need {
    DELIVERY_DIR("needs --delivery-dir (the folder the target's backend writes delivered messages to)"),
    EXPIRED_KEY("needs --expired-keystore (a signing key whose certificate the target's CA issued and that has expired)"),
    REVOKED_KEY("needs --revoked-keystore (a signing key whose certificate the target's CA has revoked)"),
    ENCRYPTION_KEY("needs --encryption-alias in --keystore (our decryption key, for messages the target sends)"),
    HTTPS("needs an https --target-url, or --tls-url naming the target's HTTPS endpoint"),
    AS4_2_EDDSA("needs --eddsa-action, --target-eddsa-cert and --target-x25519-cert (the target's AS4 2.0 EdDSA/X25519 leg)"),
    AS4_2_ECDSA("needs --ecdsa-action, --target-ecdsa-cert and --target-ecdh-cert (the target's AS4 2.0 ECDSA/ECDH-ES leg)"),
    TARGET_RETRY("needs --target-retry (the reception awareness of the target's leg to --party, as its PMode says; a short"
            + " one, e.g. 0.1;2;CONSTANT, lets the case end in seconds)"),
    IMI_AUTHORITIES("needs --authority and --peer-authority (authorities the hub's directory says --party serves)"),
    IMI_OUTSIDER("needs --outsider-authority (served by --party, granted the repository procedure, its country outside"
            + " the repository's access group)"),
    IMI_COORDINATOR("needs --coordinator-authority (a coordinator served by --party, responsible for new authorities of its"
            + " country granted the request procedure)"),
    IMI_FORWARDEE("needs --forward-authority (a third authority served by --party, granted the request procedure and"
            + " services-notification)");

    private final String hint;

    Need(String hint) {
        this.hint = hint;
    }

    static Need of(As4TwoProfile profile) {
        return profile == As4TwoProfile.EDDSA ? AS4_2_EDDSA : AS4_2_ECDSA;
    }

    /** Empty when the settings provide it, else the hint to give. */
    public Optional<String> missingIn(Settings settings) {
        boolean present = switch (this) {
            case DELIVERY_DIR -> settings.deliveryDir().isPresent();
            case EXPIRED_KEY -> settings.expiredSigning().isPresent();
            case REVOKED_KEY -> settings.revokedSigning().isPresent();
            case ENCRYPTION_KEY -> settings.ourEncryption().isPresent();
            case HTTPS -> settings.tlsUrl().isPresent();
            case AS4_2_EDDSA -> settings.as4Two().containsKey(As4TwoProfile.EDDSA);
            case AS4_2_ECDSA -> settings.as4Two().containsKey(As4TwoProfile.ECDSA);
            case TARGET_RETRY -> settings.targetRetry().isPresent();
            case IMI_AUTHORITIES -> settings.imi().authority().isPresent() && settings.imi().peer().isPresent();
            case IMI_OUTSIDER -> settings.imi().outsider().isPresent();
            case IMI_COORDINATOR -> settings.imi().coordinator().isPresent();
            case IMI_FORWARDEE -> settings.imi().forwardee().isPresent();
        };
        return present ? Optional.empty() : Optional.of(hint);
    }
}
