package org.imigateway.discovery;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A receiving participant as the discovery networks address it: an identifier scheme (for
 * example {@code iso6523-actorid-upis}) and a value within it ({@code 0088:5798000000001}),
 * written {@code scheme::value}. eDelivery's ebCore identifiers carry their scheme inside the
 * value ({@code urn:oasis:names:tc:ebcore:partyid-type:iso6523:0060:123}) and are written without
 * {@code scheme::}; then {@link #scheme()} is empty.
 */
public record ParticipantId(String scheme, String value) {

    /** The scheme becomes one DNS label of the BDXL name (eDelivery BDXL), so it must be one. */
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    public ParticipantId {
        if (scheme == null || value == null) {
            throw new IllegalArgumentException("a participant identifier needs a scheme (may be empty) and a value");
        }
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("participant identifier value '" + value
                    + "' is empty or holds white space");
        }
        if (!scheme.isEmpty() && !DNS_LABEL.matcher(scheme).matches()) {
            throw new IllegalArgumentException("participant identifier scheme '" + scheme
                    + "' is not usable as a DNS label (letters, digits and inner hyphens, at most 63)");
        }
    }

    /** Reads {@code scheme::value}, or a bare value (ebCore form) when there is no {@code ::}. */
    public static ParticipantId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no participant identifier given");
        }
        String t = text.trim();
        int cut = t.indexOf("::");
        return cut < 0 ? new ParticipantId("", t) : new ParticipantId(t.substring(0, cut), t.substring(cut + 2));
    }

    /**
     * Identifier values are case-insensitive in the SML and SMP specifications: the BDXL hash and
     * the cache key use this form so that {@code 0088:ABC} and {@code 0088:abc} are one participant.
     */
    public String canonicalValue() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** Whether an identifier as an SMP writes it names this participant (values case-insensitive). */
    public boolean matches(String otherScheme, String otherValue) {
        return scheme.equalsIgnoreCase(otherScheme == null ? "" : otherScheme.trim())
                && otherValue != null && canonicalValue().equals(otherValue.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return scheme.isEmpty() ? value : scheme + "::" + value;
    }
}
