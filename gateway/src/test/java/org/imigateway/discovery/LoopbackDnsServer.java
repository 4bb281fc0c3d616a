package org.imigateway.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * A real DNS server on a loopback UDP port, authoritative for the names it is given: it answers
 * their records by type, NOERROR with no answer for a known name asked another type, and NXDOMAIN
 * for any other name; a name marked {@link #silence(String) silent} gets no answer at all.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final List<Name> silent = new CopyOnWriteArrayList<>();
    private final Thread thread;

    public LoopbackDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Adds a U-NAPTR record at {@code domain}: order, preference, flags, service, regexp. */
    public void naptr(String domain, int order, int preference, String flags, String service, String regexp) {
        Name name = name(domain);
        zone.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
                .add(new NAPTRRecord(name, org.xbill.DNS.DClass.IN, 60, order, preference, flags, service, regexp, Name.root));
    }

    /** The name exists (NOERROR) but holds nothing. */
    void emptyName(String domain) {
        zone.computeIfAbsent(name(domain), n -> new CopyOnWriteArrayList<>());
    }

    void silence(String domain) {
        silent.add(name(domain));
    }

    public void clear() {
        zone.clear();
        silent.clear();
    }

    private static Name name(String domain) {
        try {
            return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(domain, e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                if (silent.contains(question.getName())) {
                    continue;
                }
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.AA);
                answer.addRecord(question, Section.QUESTION);
                List<Record> records = zone.get(question.getName());
                if (records == null) {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    records.stream().filter(r -> r.getType() == question.getType())
                            .forEach(r -> answer.addRecord(r, Section.ANSWER));
                }
                byte[] wire = answer.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
