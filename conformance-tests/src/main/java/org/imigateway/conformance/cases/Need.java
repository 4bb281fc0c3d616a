package org.imigateway.conformance.cases;

import java.util.Optional;

import org.imigateway.conformance.run.Settings;

/** What a case needs beyond the wire; without it the case is skipped with the option to give. */
public enum Need {
    DELIVERY_DIR("needs --delivery-dir (the folder the target's backend writes delivered messages to)"),
    EXPIRED_KEY("needs --expired-keystore (a signing key whose certificate the target's CA issued and that has expired)"),
    REVOKED_KEY("needs --revoked-keystore (a signing key whose certificate the target's CA has revoked)"),
    ENCRYPTION_KEY("needs --encryption-alias in --keystore (our decryption key, for messages the target sends)"),
    HTTPS("needs an https --target-url, or --tls-url naming the target's HTTPS endpoint"),
    IMI_AUTHORITIES("needs --authority and --peer-authority (authorities the hub's directory says --party serves)"),
    IMI_OUTSIDER("needs --outsider-authority (served by --party, granted the repository procedure, its country outside"
            + " the repository's access group)");

    private final String hint;

    Need(String hint) {
        this.hint = hint;
    }

    /** Empty when the settings provide it, else the hint to give. */
    public Optional<String> missingIn(Settings settings) {
        boolean present = switch (this) {
            case DELIVERY_DIR -> settings.deliveryDir().isPresent();
            case EXPIRED_KEY -> settings.expiredSigning().isPresent();
            case REVOKED_KEY -> settings.revokedSigning().isPresent();
            case ENCRYPTION_KEY -> settings.ourEncryption().isPresent();
            case HTTPS -> settings.tlsUrl().isPresent();
            case IMI_AUTHORITIES -> settings.imi().authority().isPresent() && settings.imi().peer().isPresent();
            case IMI_OUTSIDER -> settings.imi().outsider().isPresent();
        };
        return present ? Optional.empty() : Optional.of(hint);
    }
}
