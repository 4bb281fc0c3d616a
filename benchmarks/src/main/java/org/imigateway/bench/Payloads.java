package org.imigateway.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

/**
 * Benchmark payloads: an XML document of the requested size whose text is base64 of seeded
 * random bytes. It compresses to about three quarters, as scanned attachments embedded in XML
 * do; all-zero or all-random content would flatter or punish the compression step.
 */
public final class Payloads {

    private Payloads() {
    }

    public static Path xml(Path dir, long bytes) throws IOException {
        Path file = dir.resolve("payload-" + bytes + ".xml");
        if (Files.exists(file) && Files.size(file) == bytes) {
            return file;
        }
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document xmlns=\"urn:imi:bench\">";
        String tail = "</document>";
        long body = bytes - head.length() - tail.length();
        if (body < 0) {
            throw new IllegalArgumentException("payload size " + bytes + " is below the " + (head.length() + tail.length())
                    + " bytes of the XML wrapper");
        }
        Random random = new Random(bytes);
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] raw = new byte[48];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(head);
            long left = body;
            while (left > 0) {
                random.nextBytes(raw);
                String line = base64.encodeToString(raw) + "\n";
                out.write(line, 0, (int) Math.min(left, line.length()));
                left -= Math.min(left, line.length());
            }
            out.write(tail);
        }
        return file;
    }

    /**
     * Seeded random bytes: incompressible, as an already compressed scan or archive is, so every
     * byte goes through gzip, encryption and storage at full size.
     */
    public static Path binary(Path dir, long bytes) throws IOException {
        Path file = dir.resolve("payload-" + bytes + ".bin");
        if (Files.exists(file) && Files.size(file) == bytes) {
            return file;
        }
        Random random = new Random(bytes);
        byte[] block = new byte[1 << 20];
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    public static String sha256(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Parses 10KB, 1MB, 20MB, 2GiB or a plain byte count. */
    public static long parseSize(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        String digits = t;
        for (String[] suffix : new String[][] {{"GIB", "1073741824"}, {"MIB", "1048576"}, {"KIB", "1024"},
                {"GB", "1000000000"}, {"MB", "1000000"}, {"KB", "1000"}, {"B", "1"}}) {
            if (t.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                digits = t.substring(0, t.length() - suffix[0].length());
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits.trim()), unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("payload size '" + text + "' is not a number with an optional unit"
                    + " (B, KB, MB, GB, KiB, MiB, GiB)");
        }
    }

    public static String label(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "GiB";
        }
        if (bytes >= 1_000_000 && bytes % 1_000_000 == 0) {
            return bytes / 1_000_000 + "MB";
        }
        if (bytes >= 1_000 && bytes % 1_000 == 0) {
            return bytes / 1_000 + "KB";
        }
        return bytes + "B";
    }
}
