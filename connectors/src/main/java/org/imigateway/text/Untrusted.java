package org.imigateway.text;

/**
 * Makes a value that came from a message or a client safe to write into a log line or an ebMS
 * ErrorDetail. Line breaks and other control characters are escaped visibly ({@code \n},
 * {@code \u2028}), so a value can never start a line of its own in the log or pass for one:
 * CR, LF, every other C0 and C1 control character, DEL, the Unicode line and paragraph
 * separators (U+2028, U+2029) and the bidirectional overrides that reorder what a reader sees.
 * Backslashes stay as they are, to keep paths and ordinary values readable. It lives in the
 * connectors module because connectors log values of delivered messages too, and they see
 * nothing of the gateway.
 */
public final class Untrusted {

    /** Longest value a log line repeats; the full value is in the message log or the request. */
    public static final int LOG_LENGTH = 200;

    private Untrusted() {
    }

    /** Escaped and shortened to {@link #LOG_LENGTH} characters: for an argument of a log line. */
    public static String inLog(Object value) {
        return shortened(escaped(String.valueOf(value)), LOG_LENGTH);
    }

    /** Escaped, at full length. */
    public static String escaped(String value) {
        if (value == null) {
            return null;
        }
        int first = firstUnsafe(value);
        if (first < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** At most {@code max} characters; a shortened value says how long it was. */
    public static String shortened(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + "…(" + value.length() + " characters)";
    }

    private static int firstUnsafe(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (unsafe(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }
}
