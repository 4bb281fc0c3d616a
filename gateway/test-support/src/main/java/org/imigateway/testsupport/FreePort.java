package org.imigateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port on loopback that nothing listens on right now, for a server a test configures before it starts. */
public final class FreePort {

    private FreePort() {
    }

    /**
     * Asks the system for a free loopback port and releases it again. Another process may take it
     * before the caller binds it; tests here start one server at a time, so that is rare, and the
     * caller's bind failing then names the port.
     */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on loopback", e);
        }
    }
}
