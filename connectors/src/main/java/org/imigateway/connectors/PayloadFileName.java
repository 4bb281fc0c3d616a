package org.imigateway.connectors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A payload's file name as the sender gave it (MIME {@code Content-Disposition} filename), kept as
 * the part property {@value #PROPERTY} and used as the file name of folder deliveries. The name
 * comes from outside, so only its last path segment is kept, without control or format characters
 * (line breaks, bidi overrides) and leading dots, at most 255 UTF-8 bytes; letters of any script stay.
 */
public final class PayloadFileName {

    /** The part property that carries the file name to the backend. */
    public static final String PROPERTY = "FileName";

    /** Linux's NAME_MAX, in bytes. */
    private static final int MAX_BYTES = 255;

    private PayloadFileName() {
    }

    /** The name made safe to use as a file name in any folder, or empty when nothing usable is left. */
    public static Optional<String> sanitise(String raw) {
        String last = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder(last.length());
        last.codePoints().filter(PayloadFileName::allowed).forEach(kept::appendCodePoint);
        String name = kept.toString().strip();
        int firstOther = 0;
        while (firstOther < name.length() && name.charAt(firstOther) == '.') {
            firstOther++;
        }
        name = truncate(name.substring(firstOther));
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** The sanitised {@value #PROPERTY} among these part properties, if there is one. */
    public static Optional<String> of(List<MessageProperty> partProperties) {
        return partProperties.stream().filter(p -> p.name().equals(PROPERTY)).findFirst()
                .flatMap(p -> sanitise(p.value()));
    }

    private static boolean allowed(int codePoint) {
        int type = Character.getType(codePoint);
        return codePoint != 0 && !Character.isISOControl(codePoint) && type != Character.FORMAT
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.UNASSIGNED && type != Character.SURROGATE && type != Character.PRIVATE_USE;
    }

    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int cp : name.codePoints().toArray()) {
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += size;
        }
        return out.toString().strip();
    }
}
