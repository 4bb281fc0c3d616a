package org.imigateway.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.rmi.Remote;
import java.rmi.server.RMIClientSocketFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.remote.rmi.RMIServer;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * The connector stub a registry handed us, made safe to log in through. A stub names the
 * socket factory its calls go through, and whoever bound it chose that factory: a plain one
 * sends the password in clear to anybody, and even a TLS factory of ours carries the
 * certificate it trusts inside the stub. So a stub without a TLS factory is refused, and the
 * factory of one with TLS is replaced by our own, which trusts only the gateway's certificate.
 */
final class PinnedStub {

    private PinnedStub() {
    }

    static RMIServer of(Remote found, TlsClientSockets pinned, String where) throws IOException {
        if (!(found instanceof RMIServer)) {
            throw new UntrustedJmxServerException(where + " is not a JMX connector but " + found.getClass().getName(),
                    null);
        }
        List<RMIClientSocketFactory> factories = new ArrayList<>();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new FactorySwap(copy, factories, pinned)) {
            out.writeObject(found);
        }
        if (factories.isEmpty()) {
            throw new UntrustedJmxServerException(where + " is a JMX connector on plain sockets, not TLS", null);
        }
        for (RMIClientSocketFactory factory : factories) {
            if (!(factory instanceof TlsClientSockets) && !(factory instanceof SslRMIClientSocketFactory)) {
                throw new UntrustedJmxServerException(where + " is a JMX connector on sockets of "
                        + factory.getClass().getName() + ", not TLS", null);
            }
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(copy.toByteArray()))) {
            return (RMIServer) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException("the JMX connector stub cannot be copied: " + e.getMessage(), e);
        }
    }

    /** Writes the stub with our socket factory in place of each one it names, and lists those. */
    private static final class FactorySwap extends ObjectOutputStream {

        private final List<RMIClientSocketFactory> seen;
        private final TlsClientSockets pinned;

        FactorySwap(ByteArrayOutputStream out, List<RMIClientSocketFactory> seen, TlsClientSockets pinned)
                throws IOException {
            super(out);
            this.seen = seen;
            this.pinned = pinned;
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object object) {
            if (object instanceof RMIClientSocketFactory factory) {
                seen.add(factory);
                return pinned;
            }
            return object;
        }
    }
}
