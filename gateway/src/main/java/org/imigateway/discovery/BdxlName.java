package org.imigateway.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

import org.bouncycastle.util.encoders.Base32;

/**
 * The DNS name under which an SML publishes a participant's NAPTR record, by the eDelivery BDXL
 * profile: the SHA-256 of the lower-cased identifier value, Base32 (RFC 4648) without its '='
 * padding, then the scheme as its own label (when there is one), then the SML zone.
 */
public final class BdxlName {

    private BdxlName() {
    }

    /** The absolute name (no trailing dot) for {@code participant} in {@code zone}. */
    public static String of(ParticipantId participant, String zone) {
        String z = zone.trim();
        while (z.endsWith(".")) {
            z = z.substring(0, z.length() - 1);
        }
        if (z.isEmpty()) {
            throw new IllegalArgumentException("the SML zone is empty");
        }
        String hash = hashLabel(participant.canonicalValue());
        String scheme = participant.scheme().isEmpty() ? "" : participant.scheme() + ".";
        return (hash + "." + scheme + z).toLowerCase(Locale.ROOT);
    }

    /** SHA-256 gives 52 Base32 characters and 4 '=', which a DNS label cannot hold. */
    static String hashLabel(String canonicalValue) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalValue.getBytes(StandardCharsets.UTF_8));
            String encoded = Base32.toBase32String(digest);
            int end = encoded.length();
            while (end > 0 && encoded.charAt(end - 1) == '=') {
                end--;
            }
            return encoded.substring(0, end).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
