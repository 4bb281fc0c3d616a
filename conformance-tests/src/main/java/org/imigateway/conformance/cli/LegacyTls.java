package org.imigateway.conformance.cli;

import java.security.Security;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Lets this JVM offer TLS 1.0 and 1.1, which the JDK disables by default: the case
 * {@code tls-legacy-refused} must offer them to show that the target refuses. Done before any TLS
 * is used (the JDK reads the setting once); the suite's own messages still go over TLS 1.2/1.3
 * only, as {@code Transport} pins them.
 */
final class LegacyTls {

    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    private LegacyTls() {
    }

    static void allowOffering() {
        String disabled = Security.getProperty(PROPERTY);
        if (disabled == null) {
            return;
        }
        Security.setProperty(PROPERTY, Arrays.stream(disabled.split(","))
                .map(String::trim)
                .filter(entry -> !entry.equals("TLSv1") && !entry.equals("TLSv1.1"))
                .collect(Collectors.joining(", ")));
    }
}
