package org.imigateway.cooperation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable names made from a received MessageId and a key: the same inputs give the same name after a restart. */
final class Hashes {

    private Hashes() {
    }

    static String name(String messageId, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((messageId + "|" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
