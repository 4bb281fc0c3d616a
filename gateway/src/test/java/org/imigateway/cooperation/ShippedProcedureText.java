package org.imigateway.cooperation;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The text of a shipped procedure file, for tests that make variants of it. */
final class ShippedProcedureText {

    private ShippedProcedureText() {
    }

    static String copyOf(String file) throws Exception {
        try (InputStream in = ShippedProcedureText.class.getResourceAsStream("/procedures/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
