package org.imigateway.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.imigateway.pmode.SecurityProfile;
import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.procedure.ShippedProcedures;
import org.imigateway.pmode.LegXml;

import org.imigateway.config.GatewayConfig;

/**
 * Writes a working set of gateway homes on loopback: one demo CA, a key kit per party, and in
 * each home the gateway.properties, the key and trust stores, and one PMode file that knows
 * every party. Used by the {@code demo} command, by a first {@code serve} and by the tests;
 * nothing here is committed key material, everything is generated fresh.
 */
public final class DemoNetwork {

    /** The demo's business service and actions. */
    public static final String SERVICE = "urn:imigateway:demo:exchange";
    public static final String SERVICE_TYPE = "urn:imigateway:service";
    public static final String ACTION = "Deliver";
    public static final String ACTION_EDDSA = ACTION + "EdDSA";
    public static final String ACTION_ECDSA = ACTION + "ECDSA";

    /**
     * The demo action of each security profile's leg: {@value #ACTION} for AS4 1.15, and one
     * leg per AS4 2.0 profile so that every profile can be tried between the demo homes.
     */
    public static String action(SecurityProfile profile) {
        return switch (profile) {
            case EDELIVERY_1_15 -> ACTION;
            case EDELIVERY_2_0_EDDSA -> ACTION_EDDSA;
            case EDELIVERY_2_0_ECDSA -> ACTION_ECDSA;
        };
    }

    /** The PEM files, under {@code certs/}, of a party's AS4 2.0 certificates. */
    private static final Map<SecurityProfile, List<String>> PROFILE_ALIASES = Map.of(
            SecurityProfile.EDELIVERY_2_0_EDDSA, List.of(PartyKit.SIGNING_EDDSA_ALIAS, PartyKit.ENCRYPTION_X25519_ALIAS),
            SecurityProfile.EDELIVERY_2_0_ECDSA, List.of(PartyKit.SIGNING_ECDSA_ALIAS, PartyKit.ENCRYPTION_ECDH_ALIAS));
    public static final String AGREEMENT = "urn:imigateway:agreement:demo";
    /** The demo legs take payloads up to 1 GiB. */
    private static final long MAX_DEMO_PAYLOAD = 1L << 30;

    private final Path base;
    private final char[] password;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Integer> alsoHttpsPorts = new LinkedHashMap<>();
    private final Map<String, Path> homes = new LinkedHashMap<>();
    private final boolean https;
    private final Listen listen;

    /** The password of every key and trust store the demo set-up writes. */
    public static final String DEMO_PASSWORD = "changeit-demo";

    /**
     * Where the homes listen: {@code host} is bound and named in every endpoint; {@code basePort}
     * is the first party's port and each further party takes the next one, or every party a free
     * port when it is empty. {@code alsoHttps}: each home also receives on HTTPS on a port of its
     * own (after all the HTTP ports when counting up), while its endpoint stays HTTP: what a
     * conformance suite needs to try TLS handshakes against a gateway it exchanges with over HTTP.
     */
    public record Listen(Optional<String> host, Optional<Integer> basePort, boolean alsoHttps) {
        public static final Listen LOOPBACK = new Listen(Optional.empty(), Optional.empty());

        public Listen(Optional<String> host, Optional<Integer> basePort) {
            this(host, basePort, false);
        }

        public Listen {
            host.ifPresent(h -> {
                if (h.isBlank() || !h.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
                    throw new IllegalArgumentException("--host '" + h + "' is not a host name or IP address");
                }
            });
            basePort.ifPresent(p -> {
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("--port " + p + " is not a port (1-65535)");
                }
            });
        }
    }

    private DemoNetwork(Path base, char[] password, boolean https, Listen listen) {
        this.base = base;
        this.password = password;
        this.https = https;
        this.listen = listen;
    }

    /** Creates the PKI and one home per party under {@code base}, each with a free loopback port. */
    public static DemoNetwork create(Path base, List<String> parties, boolean https) throws IOException {
        return create(base, parties, https, Listen.LOOPBACK);
    }

    /** Creates the PKI and one home per party under {@code base}, listening as {@code listen} says. */
    public static DemoNetwork create(Path base, List<String> parties, boolean https, Listen listen) throws IOException {
        check(parties.size(), https, listen);
        DemoNetwork network = new DemoNetwork(base, DEMO_PASSWORD.toCharArray(), https, listen);
        Path pki = Files.createDirectories(base.resolve("pki"));
        CertificateAuthority ca = CertificateAuthority.create("IMI Gateway Demo CA");
        PkiLayout.writeCa(ca, pki, network.password);
        List<String> tlsNames = new java.util.ArrayList<>(List.of("localhost", "127.0.0.1"));
        listen.host().filter(h -> !tlsNames.contains(h)).ifPresent(tlsNames::add);
        for (String party : parties) {
            PartyKit.issue(ca, party, tlsNames).writeTo(pki, network.password);
        }
        Iterator<Integer> ports = listen.basePort().isPresent()
                ? IntStream.iterate(listen.basePort().get(), p -> p + 1).iterator()
                : freePorts(parties.size() * (listen.alsoHttps() ? 2 : 1)).iterator();
        for (String party : parties) {
            network.ports.put(party, ports.next());
        }
        if (listen.alsoHttps()) {
            for (String party : parties) {
                network.alsoHttpsPorts.put(party, ports.next());
            }
        }
        for (String party : parties) {
            network.homes.put(party, network.writeHome(party, pki, base.resolve(party)));
        }
        return network;
    }

    /**
     * The embedded default: one working home for one party, created where a first
     * {@code serve} finds none. Its PModes know only itself, so it can receive its own pings
     * until partners are added.
     */
    public static DemoNetwork createHome(Path home, String party) throws IOException {
        DemoNetwork network = new DemoNetwork(home, DEMO_PASSWORD.toCharArray(), false, Listen.LOOPBACK);
        Path pki = Files.createDirectories(home.resolve("pki"));
        CertificateAuthority ca = CertificateAuthority.create("IMI Gateway Demo CA");
        PkiLayout.writeCa(ca, pki, network.password);
        PartyKit.issue(ca, party, List.of("localhost", "127.0.0.1")).writeTo(pki, network.password);
        network.ports.put(party, 8080);
        network.homes.put(party, network.writeHome(party, pki, home));
        return network;
    }

    /**
     * Refuses, as an {@link IllegalArgumentException} naming the option, a {@code --port} that
     * leaves no room for one port per party (two with {@code alsoHttps}), counting up, and
     * {@code alsoHttps} beside HTTPS endpoints.
     */
    public static void check(int parties, boolean https, Listen listen) {
        if (https && listen.alsoHttps()) {
            throw new IllegalArgumentException("--also-https adds an HTTPS port beside the HTTP endpoint; with --https"
                    + " the endpoint is HTTPS already");
        }
        int perParty = listen.alsoHttps() ? 2 : 1;
        if (listen.basePort().isPresent() && listen.basePort().get() + parties * perParty - 1 > 65535) {
            throw new IllegalArgumentException("--port " + listen.basePort().get() + " leaves no room for " + parties
                    + " parties (" + (perParty == 1 ? "one port" : "two ports") + " each, counting up)");
        }
    }

    public Path home(String party) {
        return homes.get(party);
    }

    public Map<String, Path> homes() {
        return Map.copyOf(homes);
    }

    public Path pki() {
        return base.resolve("pki");
    }

    public int port(String party) {
        return ports.get(party);
    }

    public String endpoint(String party) {
        String host = bracketed(listen.host().orElse(https ? "localhost" : "127.0.0.1"));
        return (https ? "https" : "http") + "://" + host + ":" + ports.get(party) + "/as4";
    }

    /** The HTTPS endpoint a party receives on beside its HTTP one ({@code --also-https}), if it has one. */
    public Optional<String> alsoHttpsEndpoint(String party) {
        return Optional.ofNullable(alsoHttpsPorts.get(party))
                .map(port -> "https://" + bracketed(listen.host().orElse("localhost")) + ":" + port + "/as4");
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private Path writeHome(String party, Path pki, Path homeDir) throws IOException {
        Path home = Files.createDirectories(homeDir);
        Path keystores = Files.createDirectories(home.resolve("keystores"));
        Files.copy(PartyKit.keyStoreFile(pki, party), keystores.resolve(party + ".p12"));
        Files.copy(PkiLayout.trustStore(pki), keystores.resolve("truststore.p12"));
        Files.copy(PkiLayout.crl(pki), keystores.resolve("ca-crl.pem"));
        Files.createDirectories(home.resolve("config"));
        Path pmodes = Files.createDirectories(home.resolve("config/pmodes"));
        Path certs = Files.createDirectories(pmodes.resolve("certs"));
        for (String other : ports.keySet()) {
            Files.copy(PartyKit.signingCertificateFile(pki, other), certs.resolve(other + "-signing.pem"));
            Files.copy(PartyKit.encryptionCertificateFile(pki, other), certs.resolve(other + "-encryption.pem"));
            for (String alias : PartyKit.PROFILE_ALIASES.keySet()) {
                Files.copy(PartyKit.certificateFile(pki, other, alias), certs.resolve(other + "-" + alias + ".pem"));
            }
        }
        Files.writeString(pmodes.resolve("pmodes.xml"), pmodes(), StandardCharsets.UTF_8);
        ShippedProcedures.copyTo(home.resolve(ShippedProcedures.FOLDER));
        ImiLegs.writeTo(pmodes);
        int port = ports.get(party);
        String properties = String.join("\n",
                "# IMI Gateway configuration of party " + party + " (generated by the demo set-up)",
                "gateway.party=" + party,
                "http.host=" + listen.host().orElse("127.0.0.1"),
                "http.port=" + (https ? -1 : port),
                "https.port=" + (https ? port : alsoHttpsPorts.getOrDefault(party, -1)),
                "keys.store=keystores/" + party + ".p12",
                "keys.password=" + new String(password),
                "trust.store=keystores/truststore.p12",
                "trust.password=" + new String(password),
                "trust.crl=keystores/ca-crl.pem",
                "tls.protocols=TLSv1.3,TLSv1.2",
                "pmodes.dir=config/pmodes",
                "data.dir=data",
                "send.timeoutSeconds=60",
                "");
        Files.writeString(home.resolve(GatewayConfig.FILE), properties, StandardCharsets.UTF_8);
        return home;
    }

    /** One PMode file naming every party and the demo legs. */
    public String pmodes() {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pmodes xmlns=\"urn:imigateway:pmode:1\">\n");
        for (String party : ports.keySet()) {
            xml.append("  <party name=\"").append(party).append("\">\n")
                    .append("    <partyId>").append(party).append("</partyId>\n")
                    .append("    <endpoint>").append(endpoint(party)).append("</endpoint>\n")
                    .append("    <signingCertificate>certs/").append(party).append("-signing.pem</signingCertificate>\n")
                    .append("    <encryptionCertificate>certs/").append(party).append("-encryption.pem</encryptionCertificate>\n");
            for (SecurityProfile profile : List.of(SecurityProfile.EDELIVERY_2_0_EDDSA, SecurityProfile.EDELIVERY_2_0_ECDSA)) {
                List<String> aliases = PROFILE_ALIASES.get(profile);
                xml.append("    <profileCertificates profile=\"").append(profile.id()).append("\">\n")
                        .append("      <signingCertificate>certs/").append(party).append('-').append(aliases.get(0))
                        .append(".pem</signingCertificate>\n")
                        .append("      <encryptionCertificate>certs/").append(party).append('-').append(aliases.get(1))
                        .append(".pem</encryptionCertificate>\n")
                        .append("    </profileCertificates>\n");
            }
            xml.append("  </party>\n");
        }
        xml.append(new LegXml("demo-exchange", SERVICE_TYPE, SERVICE, ACTION, AGREEMENT, "edelivery-1.15", MAX_DEMO_PAYLOAD,
                Optional.empty()).xml());
        for (SecurityProfile profile : List.of(SecurityProfile.EDELIVERY_2_0_EDDSA, SecurityProfile.EDELIVERY_2_0_ECDSA)) {
            xml.append(new LegXml("demo-exchange-" + profile.id(), SERVICE_TYPE, SERVICE, action(profile), AGREEMENT,
                    profile.id(), MAX_DEMO_PAYLOAD, Optional.empty()).xml());
        }
        xml.append("</pmodes>\n");
        return xml.toString();
    }

    /**
     * {@code count} loopback ports free now, all different: each socket stays bound until all are
     * chosen, since the system may hand a port it has just released out again (two homes of a
     * 28-party benchmark network once got the same one).
     */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
