package org.imigateway.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The operators allowed to submit, each known only by the SHA-256 of her token: the
 * configuration gives no token away, and a presented token is hashed and compared in constant
 * time with every operator's hash, so the time taken tells neither the hash nor who matched.
 */
public final class OperatorTokens {

    private final Map<String, byte[]> hashes;

    public OperatorTokens(Map<String, byte[]> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /** The operator whose token this is. */
    public Optional<String> operator(String presented) {
        byte[] hash = sha256(presented);
        String found = null;
        for (Map.Entry<String, byte[]> entry : hashes.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), hash)) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A new token: 32 random bytes, URL-safe Base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What {@code submit.token.<operator>} holds for a token. */
    public static String hashHex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
