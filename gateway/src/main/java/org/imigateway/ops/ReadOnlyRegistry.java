package org.imigateway.ops;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.AccessException;
import java.rmi.NoSuchObjectException;
import java.rmi.NotBoundException;
import java.rmi.Remote;
import java.rmi.UnmarshalException;
import java.rmi.server.ObjID;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RMI registry of remote JMX, read-only: {@code lookup} and {@code list} answer the one
 * connector stub, {@code bind}, {@code rebind} and {@code unbind} are refused whoever asks.
 * <p>
 * The JDK's registry ({@code LocateRegistry.createRegistry}) lets any process of this machine
 * rebind a name, and its read-only variant belongs to the JDK's own management agent
 * (internal). Standard clients (JNDI {@code rmi://}, {@code LocateRegistry.getRegistry}) reach a
 * registry through the RMI wire protocol at the registry's well-known object id, which public
 * APIs cannot export a custom object at; so this class answers that protocol itself (Java RMI
 * specification, chapter 10 "RMI Wire Protocol": stream protocol, Call and Return messages, the
 * registry's frozen operation numbers). It deserialises nothing a caller sends but the name
 * looked up (a String; any class is rejected), and never reads the object a bind carries.
 */
final class ReadOnlyRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyRegistry.class);

    // Wire protocol (RMI specification 10.2, 10.3).
    private static final int MAGIC = 0x4a524d49;
    private static final short VERSION = 2;
    private static final int STREAM_PROTOCOL = 0x4b;
    private static final int PROTOCOL_ACK = 0x4e;
    private static final int PROTOCOL_NOT_SUPPORTED = 0x4f;
    private static final int CALL = 0x50;
    private static final int RETURN = 0x51;
    private static final int PING = 0x52;
    private static final int PING_ACK = 0x53;
    private static final int DGC_ACK = 0x54;
    private static final int NORMAL_RETURN = 1;
    private static final int EXCEPTIONAL_RETURN = 2;
    private static final int UID_BYTES = 4 + 8 + 2;

    /** The registry's operations as {@code java.rmi.registry.Registry} stubs number them. */
    private enum Operation {
        BIND(7583982177005850366L), LIST(2571371476350237748L), LOOKUP(-7538657168040752697L),
        REBIND(-8381844669958460146L), UNBIND(7305022919901907578L);

        /** Hash of the registry interface that numbered calls carry. */
        static final long INTERFACE_HASH = 4905912898345647071L;

        /** Hash of the method, for clients that call by method hash instead of number. */
        final long methodHash;

        Operation(long methodHash) {
            this.methodHash = methodHash;
        }

        static Operation of(int number, long hash) {
            if (number >= 0) {
                return hash == INTERFACE_HASH && number < values().length ? values()[number] : null;
            }
            for (Operation operation : values()) {
                if (operation.methodHash == hash) {
                    return operation;
                }
            }
            return null;
        }
    }

    private static final ObjID REGISTRY_ID = new ObjID(ObjID.REGISTRY_ID);
    /** A connection is closed after this long, however slowly its caller trickles bytes. */
    private static final long CONNECTION_MILLIS = 30_000;
    /** A lookup is a few hundred bytes; more in one call is not a registry client. */
    private static final int MAX_CALL_BYTES = 8 * 1024;
    private static final int MAX_MESSAGES_PER_CONNECTION = 64;
    private static final int MAX_CALLERS = 4;

    private final ServerSocket listener;
    private final String name;
    private final Remote stub;
    private final ThreadPoolExecutor callers;
    private final Thread acceptor;

    private ReadOnlyRegistry(ServerSocket listener, String name, Remote stub) {
        this.listener = listener;
        this.name = name;
        this.stub = stub;
        this.callers = new ThreadPoolExecutor(0, MAX_CALLERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "jmx-registry-caller");
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::accept, "jmx-registry-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Listens on a socket of the given factory, serving {@code stub} under {@code name}. */
    static ReadOnlyRegistry start(RMIServerSocketFactory sockets, int port, String name, Remote stub) throws IOException {
        ReadOnlyRegistry registry = new ReadOnlyRegistry(sockets.createServerSocket(port), name, stub);
        registry.acceptor.start();
        return registry;
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("the JMX registry socket did not close cleanly: {}", e.getMessage());
        }
        callers.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.warn("the JMX registry stopped accepting: {}", e.getMessage());
                }
                return;
            }
            try {
                callers.execute(() -> serve(socket));
            } catch (RejectedExecutionException busy) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(RegistryStreams.untilDeadline(socket,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECTION_MILLIS))));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            if (!handshake(socket, in, out)) {
                return;
            }
            for (int i = 0; i < MAX_MESSAGES_PER_CONNECTION; i++) {
                int message = in.read();
                if (message == CALL) {
                    if (!call(socket, in, out)) {
                        return;
                    }
                } else if (message == PING) {
                    out.writeByte(PING_ACK);
                    out.flush();
                } else if (message == DGC_ACK) {
                    in.skipNBytes(UID_BYTES);
                } else {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("JMX registry connection from {} ended: {}", socket.getInetAddress(), e.toString());
        }
    }

    /** The client names the protocol; we answer with the address we see it at, it answers with its own. */
    private static boolean handshake(Socket socket, DataInputStream in, DataOutputStream out) throws IOException {
        if (in.readInt() != MAGIC || in.readShort() != VERSION) {
            return false;
        }
        if (in.readUnsignedByte() != STREAM_PROTOCOL) {
            out.writeByte(PROTOCOL_NOT_SUPPORTED);
            out.flush();
            return false;
        }
        out.writeByte(PROTOCOL_ACK);
        out.writeUTF(socket.getInetAddress().getHostAddress());
        out.writeInt(socket.getPort());
        out.flush();
        in.readUTF();
        in.readInt();
        return true;
    }

    /** Answers one call; false when the connection is to be closed (its unread arguments are left behind). */
    private boolean call(Socket socket, DataInputStream in, DataOutputStream out) throws IOException {
        ObjectInputStream call = RegistryStreams.call(in, MAX_CALL_BYTES);
        ObjID target = ObjID.read(call);
        int number = call.readInt();
        long hash = call.readLong();
        if (!target.equals(REGISTRY_ID)) {
            reply(out, EXCEPTIONAL_RETURN, new NoSuchObjectException("no such object in table"));
            return false;
        }
        Operation operation = Operation.of(number, hash);
        if (operation == null) {
            reply(out, EXCEPTIONAL_RETURN, new UnmarshalException("not a registry operation"));
            return false;
        }
        switch (operation) {
            case LOOKUP -> {
                Object wanted;
                try {
                    wanted = call.readObject();
                } catch (ClassNotFoundException | IOException e) {
                    reply(out, EXCEPTIONAL_RETURN, new UnmarshalException("a registry name is a string"));
                    return false;
                }
                if (name.equals(wanted)) {
                    reply(out, NORMAL_RETURN, stub);
                } else {
                    reply(out, EXCEPTIONAL_RETURN, new NotBoundException("only '" + name + "' is bound here"));
                }
                return true;
            }
            case LIST -> {
                reply(out, NORMAL_RETURN, new String[] {name});
                return true;
            }
            default -> {
                LOG.warn("the JMX registry refused {} from {}: it is read-only", operation.name().toLowerCase(),
                        socket.getInetAddress().getHostAddress());
                reply(out, EXCEPTIONAL_RETURN, new AccessException("the JMX registry of this gateway is read-only: "
                        + operation.name().toLowerCase() + " refused"));
                return false;
            }
        }
    }

    private static void reply(DataOutputStream out, int kind, Object value) throws IOException {
        out.writeByte(RETURN);
        ObjectOutputStream result = RegistryStreams.result(out);
        result.writeByte(kind);
        new UID().write(result);
        if (value instanceof Exception refusal) {
            refusal.setStackTrace(new StackTraceElement[0]); // the caller learns why, not our code's shape
        }
        result.writeObject(value);
        result.flush();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("a JMX registry connection did not close cleanly: {}", e.getMessage());
        }
    }
}
