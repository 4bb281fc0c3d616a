package org.imigateway.as4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A POST over a plain socket, as a hostile client makes it: any Content-Length (or chunked), a
 * body streamed from a generator while the answer is read, so a server that answers early and
 * closes is seen answering, not as a broken pipe.
 */
public final class RawPost {

    /** The answer: HTTP status and body text (empty when the server closed without answering). */
    public record Answer(int status, String body) {
    }

    private RawPost() {
    }

    /** {@code announcedLength} -1 sends the body chunked. */
    public static Answer post(int port, String path, String contentType, long announcedLength, InputStream body)
            throws IOException, InterruptedException {
        return post("127.0.0.1", port, path, contentType, announcedLength, body);
    }

    /**
     * The same from another loopback address ({@code 127.0.0.0/8} is all loopback on Linux), so a
     * test can play clients the gateway's per-client limits tell apart.
     */
    public static Answer post(String from, int port, String path, String contentType, long announcedLength,
            InputStream body) throws IOException, InterruptedException {
        try (Socket socket = new Socket(java.net.InetAddress.getByName("127.0.0.1"), port,
                java.net.InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType + "\r\n"
                    + (announcedLength >= 0 ? "Content-Length: " + announcedLength : "Transfer-Encoding: chunked") + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> writeBody(out, body, announcedLength < 0), "raw-post-body");
            writer.setDaemon(true);
            writer.start();
            Answer answer = readAnswer(socket.getInputStream());
            socket.close();
            writer.join(10_000);
            return answer;
        }
    }

    private static void writeBody(OutputStream out, InputStream body, boolean chunked) {
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write(buffer, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before the whole body was sent: what a refusal does
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new Answer(-1, "");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            in.transferTo(body);
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return c < 0 && line.length() == 0 ? null : line.toString();
    }
}
