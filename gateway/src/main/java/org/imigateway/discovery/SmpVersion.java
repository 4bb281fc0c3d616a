package org.imigateway.discovery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The OASIS SMP HTTP binding to ask ({@code discovery.smp.version}). Only the request path
 * differs; the answer is read by its own namespace ({@link SmpAnswer#read}).
 */
public enum SmpVersion {
    /** OASIS BDXR SMP 1.0: {@code {smp}/{participant}/services/{document type}}. */
    V1("1.0", ""),
    /** OASIS BDXR SMP 2.0: {@code {smp}/bdxr-smp-2/{participant}/services/{document type}}. */
    V2("2.0", "bdxr-smp-2/");

    private final String label;
    private final String prefix;

    SmpVersion(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    public String label() {
        return label;
    }

    public static SmpVersion parse(String text) {
        for (SmpVersion v : values()) {
            if (v.label.equals(text.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an SMP version: 1.0 or 2.0");
    }

    /** The ServiceMetadata URL; identifiers {@code scheme::value}, percent-encoded as one path segment. */
    URI metadataUrl(URI smp, ParticipantId participant, Endpoint.DocumentType documentType) {
        String base = smp.toString().endsWith("/") ? smp.toString() : smp + "/";
        return URI.create(base + prefix + encode(participant.toString()) + "/services/" + encode(documentType.toString()));
    }

    private static String encode(String identifier) {
        return URLEncoder.encode(identifier, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
