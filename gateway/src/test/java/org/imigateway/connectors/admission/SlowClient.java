package org.imigateway.connectors.admission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw HTTP/1.1 client on loopback that can look like any client (Linux routes all of
 * 127.0.0.0/8 to loopback, so binding to 127.0.0.N gives a remote address of its own) and can
 * send as slowly as an attacker would.
 */
public final class SlowClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private SlowClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static SlowClient connect(String fromAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(fromAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new SlowClient(socket);
    }

    /** Headers of a POST announcing {@code contentLength} body bytes, sent at once. */
    public static String postHeaders(String path, long contentLength) {
        return postHeaders(path, "application/octet-stream", contentLength);
    }

    public static String postHeaders(String path, String contentType, long contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    public SlowClient send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends one more byte; false when the server has closed the connection. */
    public boolean trickle() {
        try {
            out.write('a');
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the server closed the connection (read gives end of stream or a reset) within {@code wait}. */
    public boolean closedByServerWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** The status line and headers of the answer, and its body when it announces a length; "" when none comes within {@code wait}. */
    public String answer(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString();
                }
                head.append((char) b);
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            if (length.find()) {
                head.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
            }
            return head.toString();
        } catch (SocketTimeoutException | SocketException e) {
            return head.toString();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
