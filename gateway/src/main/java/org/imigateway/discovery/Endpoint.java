package org.imigateway.discovery;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * What discovery found for one participant, document type and process: where to send, the
 * certificate to encrypt for and to expect in the receipt's signature, under which transport
 * profile, from which SMP, and until when the answer may be used.
 */
public record Endpoint(
        ParticipantId participant,
        DocumentType documentType,
        Process process,
        URI address,
        String transportProfile,
        X509Certificate certificate,
        URI smp,
        Optional<Instant> activation,
        Optional<Instant> expiration) {

    /** A document type identifier, {@code scheme::value} as the SMP publishes it. */
    public record DocumentType(String scheme, String value) {
        public static DocumentType parse(String text) {
            String[] parts = split(text);
            return new DocumentType(parts[0], parts[1]);
        }

        @Override
        public String toString() {
            return join(scheme, value);
        }
    }

    /** A process identifier, {@code scheme::value}. */
    public record Process(String scheme, String value) {
        public static Process parse(String text) {
            String[] parts = split(text);
            return new Process(parts[0], parts[1]);
        }

        @Override
        public String toString() {
            return join(scheme, value);
        }
    }

    /** SMP identifiers are written {@code scheme::value}; without {@code ::} the scheme is empty. */
    private static String[] split(String text) {
        int cut = text.indexOf("::");
        return cut < 0 ? new String[] {"", text.trim()}
                : new String[] {text.substring(0, cut).trim(), text.substring(cut + 2).trim()};
    }

    private static String join(String scheme, String value) {
        return scheme.isEmpty() ? value : scheme + "::" + value;
    }
}
