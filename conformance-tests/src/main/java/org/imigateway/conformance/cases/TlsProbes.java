package org.imigateway.conformance.cases;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.imigateway.conformance.run.Session;
import org.imigateway.conformance.run.Transcript;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.conformance.wire.Transport;

/**
 * The TLS cases (TAD: TLS version and cipher suites configurable; TLS 1.2 at least, SSL and
 * TLS 1.0/1.1 refused): handshakes with one protocol offered at a time against the target's
 * HTTPS endpoint.
 */
final class TlsProbes {

    private static final String CLIENT_REFUSED = "No appropriate protocol";

    private TlsProbes() {
    }

    static Verdict modernAccepted(Session session) {
        List<String> accepted = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            String outcome = handshake(session, protocol);
            outcomes.add(protocol + ": " + outcome);
            if (outcome.startsWith("accepted")) {
                accepted.add(protocol);
            }
        }
        return accepted.isEmpty() ? Verdict.fail("the target completed no TLS 1.2 or 1.3 handshake: " + outcomes)
                : Verdict.pass("TLS handshakes " + outcomes);
    }

    static Verdict legacyRefused(Session session) {
        List<String> outcomes = new ArrayList<>();
        for (String protocol : List.of("TLSv1.1", "TLSv1")) {
            String outcome = handshake(session, protocol);
            if (outcome.startsWith("accepted")) {
                return Verdict.fail("the target " + outcome.replace("accepted", "accepted a " + protocol + " handshake"));
            }
            if (outcome.contains(CLIENT_REFUSED)) {
                return Verdict.skip("this JVM would not offer " + protocol + " (jdk.tls.disabledAlgorithms), so the"
                        + " target's refusal cannot be shown");
            }
            outcomes.add(protocol + ": " + outcome);
        }
        return Verdict.pass("legacy handshakes refused: " + outcomes);
    }

    /** "accepted (protocol, cipher suite)" or "refused: why". */
    private static String handshake(Session session, String protocol) {
        URI url = session.settings().tlsUrl().orElseThrow();
        int port = url.getPort() > 0 ? url.getPort() : 443;
        String outcome;
        try (SSLSocket socket = (SSLSocket) Transport.tlsContext(session.settings().trustAnchors()).getSocketFactory()
                .createSocket(url.getHost(), port)) {
            socket.setSoTimeout(15_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            SSLSession tls = socket.getSession();
            outcome = "accepted (" + tls.getProtocol() + ", " + tls.getCipherSuite() + ")";
        } catch (Exception e) {
            outcome = "refused: " + e.getMessage();
        }
        session.record(new Transcript("TLS handshake offering only " + protocol, Map.of("host", url.getHost() + ":" + port),
                "(no message: handshake only)", List.of(), outcome, Map.of(), "", outcome));
        return outcome;
    }
}
