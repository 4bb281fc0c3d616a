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

    /** ECDHE key exchange with AES-GCM: forward secret and AEAD, as BSI TR-02102-2 recommends for TLS 1.2. */
    static final List<String> RECOMMENDED_SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    /** Outside that list: RSA key exchange (no forward secrecy), and CBC with a SHA-1 MAC. */
    static final Map<String, List<String>> WEAK_SUITES = Map.of(
            "RSA key exchange", List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            "CBC with SHA-1", List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"));

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

    static Verdict recommendedSuitesAccepted(Session session) {
        String outcome = handshake(session, "TLSv1.2", RECOMMENDED_SUITES);
        if (outcome.contains(CLIENT_REFUSED)) {
            return Verdict.skip("this JVM would not offer the ECDHE AES-GCM suites, so the case cannot run: " + outcome);
        }
        return outcome.startsWith("accepted") ? Verdict.pass("TLS 1.2 with ECDHE and AES-GCM only: " + outcome)
                : Verdict.fail("the target refused a TLS 1.2 handshake offering only ECDHE with AES-GCM, the recommended"
                        + " suites: " + outcome);
    }

    static Verdict weakSuitesRefused(Session session) {
        List<String> outcomes = new ArrayList<>();
        for (Map.Entry<String, List<String>> weak : new java.util.TreeMap<>(WEAK_SUITES).entrySet()) {
            String outcome = handshake(session, "TLSv1.2", weak.getValue());
            if (outcome.startsWith("accepted")) {
                return Verdict.fail("the target " + outcome.replace("accepted", "accepted a TLS 1.2 handshake offering only "
                        + weak.getKey() + " suites"));
            }
            if (outcome.contains(CLIENT_REFUSED)) {
                return Verdict.skip("this JVM would not offer the " + weak.getKey() + " suites (jdk.tls.disabledAlgorithms),"
                        + " so the target's refusal cannot be shown");
            }
            outcomes.add(weak.getKey() + ": " + outcome);
        }
        return Verdict.pass("handshakes offering only suites outside the recommendation refused: " + outcomes);
    }

    private static String handshake(Session session, String protocol) {
        return handshake(session, protocol, List.of());
    }

    /** "accepted (protocol, cipher suite)" or "refused: why"; {@code suites} empty offers the JVM's default ones. */
    private static String handshake(Session session, String protocol, List<String> suites) {
        URI url = session.settings().tlsUrl().orElseThrow();
        int port = url.getPort() > 0 ? url.getPort() : 443;
        String outcome;
        try (SSLSocket socket = (SSLSocket) Transport.tlsContext(session.settings().trustAnchors()).getSocketFactory()
                .createSocket(url.getHost(), port)) {
            socket.setSoTimeout(15_000);
            socket.setEnabledProtocols(new String[] {protocol});
            if (!suites.isEmpty()) {
                List<String> supported = List.of(socket.getSupportedCipherSuites());
                String[] offered = suites.stream().filter(supported::contains).toArray(String[]::new);
                if (offered.length == 0) {
                    throw new javax.net.ssl.SSLHandshakeException(CLIENT_REFUSED + ": this JVM supports none of " + suites);
                }
                socket.setEnabledCipherSuites(offered);
            }
            socket.startHandshake();
            SSLSession tls = socket.getSession();
            outcome = "accepted (" + tls.getProtocol() + ", " + tls.getCipherSuite() + ")";
        } catch (Exception e) {
            outcome = "refused: " + e.getMessage();
        }
        String offer = protocol + (suites.isEmpty() ? "" : " with " + String.join(", ", suites));
        session.record(new Transcript("TLS handshake offering only " + offer, Map.of("host", url.getHost() + ":" + port),
                "(no message: handshake only)", List.of(), outcome, Map.of(), "", outcome));
        return outcome;
    }
}
