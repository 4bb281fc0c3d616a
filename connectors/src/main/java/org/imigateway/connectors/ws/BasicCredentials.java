package org.imigateway.connectors.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** The user and password a backend authenticates with (HTTP basic, RFC 7617), compared in constant time. */
public record BasicCredentials(String user, String password) {

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("user '" + user + "' must be non-empty and free of ':'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password of user '" + user + "' is empty");
        }
    }

    /** Whether an {@code Authorization} header value carries exactly these credentials. */
    public boolean matches(Optional<String> authorization) {
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.get().substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    @Override
    public String toString() {
        return "user " + user;
    }
}
