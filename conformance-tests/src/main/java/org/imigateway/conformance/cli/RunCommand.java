package org.imigateway.conformance.cli;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imigateway.conformance.cases.Case;
import org.imigateway.conformance.cases.CaseRegistry;
import org.imigateway.conformance.report.HtmlReport;
import org.imigateway.conformance.report.JUnitXmlReport;
import org.imigateway.conformance.report.SummaryTable;
import org.imigateway.conformance.run.As4TwoLeg;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.ImiAuthorities;
import org.imigateway.conformance.run.ReceptionAwareness;
import org.imigateway.conformance.run.Settings;
import org.imigateway.conformance.run.SuiteRunner;
import org.imigateway.conformance.wire.As4TwoProfile;
import org.imigateway.conformance.wire.Identity;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: runs the chosen cases against a target and writes the reports. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run conformance cases against a target access point; exit 0 when none failed, 1 when one did, 2 on bad"
                + " options, 3 when none failed but the suite could not run a case (ERROR).")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--target-url", required = true, description = "The target's AS4 endpoint, http(s)://host:port/path.")
    URI targetUrl;

    @Option(names = "--tls-url", description = "The target's HTTPS endpoint for the TLS cases (default: --target-url when it"
            + " is https).")
    URI tlsUrl;

    @Option(names = "--target-cert", required = true,
            description = "PEM with the target's signing certificate (first), optionally followed by its CA chain.")
    Path targetCert;

    @Option(names = "--target-encryption-cert",
            description = "PEM with the target's encryption certificate (default: the signing certificate).")
    Path targetEncryptionCert;

    @Option(names = "--trust-anchor", description = "PEM with CA certificates the target's certificates chain to (repeatable;"
            + " also trusted for HTTPS).")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(names = "--keystore", required = true, description = "Our PKCS12 store: the key we sign with (and decrypt with).")
    Path keystore;

    @Option(names = "--keystore-password", required = true, interactive = false, description = "Password of --keystore"
            + " (and of --expired-keystore and --revoked-keystore).")
    char[] keystorePassword;

    @Option(names = "--signing-alias", defaultValue = "signing", description = "Alias of our signing key (default: ${DEFAULT-VALUE}).")
    String signingAlias;

    @Option(names = "--encryption-alias", defaultValue = "encryption",
            description = "Alias of our decryption key, used when the target sends to the suite (default: ${DEFAULT-VALUE}).")
    String encryptionAlias;

    @Option(names = "--party", required = true, description = "Our PartyId, as the target knows us.")
    String party;

    @Option(names = "--target-party", required = true, description = "The target's PartyId.")
    String targetParty;

    @Option(names = "--service", required = true, description = "eb:Service of the leg to test.")
    String service;

    @Option(names = "--service-type", description = "eb:Service/@type, if the leg has one.")
    String serviceType;

    @Option(names = "--action", required = true, description = "eb:Action of the leg to test.")
    String action;

    @Option(names = "--agreement", description = "eb:AgreementRef, if the leg has one.")
    String agreement;

    @Option(names = "--cases", split = ",", defaultValue = "all",
            description = "all, send, listen, core, cooperation, or case ids (comma-separated; see 'imi-conformance list').")
    List<String> cases;

    @Option(names = "--hub", description = "The target is an IMI Gateway hub: 'all' and 'send' include the cooperation"
            + " cases (without it they run only when named, or with --cases cooperation).")
    boolean hub;

    @Option(names = "--report-dir", defaultValue = "conformance-report",
            description = "Where report.html and junit.xml go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--delivery-dir", description = "Folder the target's backend writes delivered messages to (enables the"
            + " delivered-once and ping-not-delivered cases).")
    Path deliveryDir;

    @Option(names = "--delivery-wait", defaultValue = "30", description = "Seconds to wait for a delivery (default: ${DEFAULT-VALUE}).")
    int deliveryWaitSeconds;

    @Option(names = "--expired-keystore", description = "PKCS12 with a signing key (alias --signing-alias) whose certificate"
            + " the target's CA issued and that has expired.")
    Path expiredKeystore;

    @Option(names = "--revoked-keystore", description = "PKCS12 with a signing key (alias --signing-alias) whose certificate"
            + " the target's CA has revoked.")
    Path revokedKeystore;

    @Option(names = "--listen-host", defaultValue = "127.0.0.1",
            description = "Address the suite listens on for the listen cases (default: ${DEFAULT-VALUE}).")
    String listenHost;

    @Option(names = "--listen-port", defaultValue = "0", description = "Port the suite listens on for the listen cases"
            + " (the endpoint the target has for --party; 0 = any free port).")
    int listenPort;

    @Option(names = "--listen-wait", defaultValue = "120",
            description = "Seconds a listen case waits for the target to send (default: ${DEFAULT-VALUE}).")
    int listenWaitSeconds;

    @Option(names = "--target-retry", description = "The reception awareness of the target's leg to --party, from its"
            + " PMode: window;retries;CONSTANT or window;firstInterval;factor;PROGRESSIVE, minutes (enables"
            + " listen-retries-then-gives-up; give the target a short one, e.g. 0.1;2;CONSTANT).")
    String targetRetry;

    @Option(names = "--authority", description = "Cooperation cases (IMI Gateway hubs): the authority the suite sends as;"
            + " the hub's directory names --party as its access point.")
    String authority;

    @Option(names = "--peer-authority", description = "Cooperation cases: a second authority served by --party, of another"
            + " country, that requests are addressed to and alerts reach.")
    String peerAuthority;

    @Option(names = "--outsider-authority", description = "Cooperation cases: an authority served by --party, granted the"
            + " repository procedure, whose country is outside the repository's access group.")
    String outsiderAuthority;

    @Option(names = "--coordinator-authority", description = "Cooperation cases: a coordinator served by --party, the one"
            + " responsible for a new authority of its country granted the request procedure (pq-request).")
    String coordinatorAuthority;

    @Option(names = "--forward-authority", description = "Cooperation cases: a third authority served by --party, granted"
            + " the request procedure (pq-request) and services-notification: the peer forwards a request to it, and a"
            + " notification goes to it and to --peer-authority.")
    String forwardAuthority;

    @Option(names = "--eddsa-action", description = "AS4 2.0: eb:Action of the target's EdDSA/X25519 leg for --service"
            + " (enables the as4-2.0-eddsa cases; needs --target-eddsa-cert and --target-x25519-cert).")
    String eddsaAction;

    @Option(names = "--target-eddsa-cert", description = "PEM with the target's Ed25519 signing certificate.")
    Path targetEddsaCert;

    @Option(names = "--target-x25519-cert", description = "PEM with the target's X25519 encryption certificate.")
    Path targetX25519Cert;

    @Option(names = "--eddsa-alias", defaultValue = "signing-eddsa",
            description = "Alias of our Ed25519 signing key in --keystore (default: ${DEFAULT-VALUE}).")
    String eddsaAlias;

    @Option(names = "--ecdsa-action", description = "AS4 2.0: eb:Action of the target's ECDSA/ECDH-ES leg for --service"
            + " (enables the as4-2.0-ecdsa cases; needs --target-ecdsa-cert and --target-ecdh-cert).")
    String ecdsaAction;

    @Option(names = "--target-ecdsa-cert", description = "PEM with the target's ECDSA P-256 signing certificate.")
    Path targetEcdsaCert;

    @Option(names = "--target-ecdh-cert", description = "PEM with the target's P-256 (ECDH-ES) encryption certificate.")
    Path targetEcdhCert;

    @Option(names = "--ecdsa-alias", defaultValue = "signing-ecdsa",
            description = "Alias of our ECDSA P-256 signing key in --keystore (default: ${DEFAULT-VALUE}).")
    String ecdsaAlias;

    @Override
    public Integer call() throws Exception {
        LegacyTls.allowOffering();
        List<Case> selected;
        Settings settings;
        try {
            selected = CaseRegistry.select(cases, hub);
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.println("imi-conformance: " + selected.size() + " case(s) against " + targetUrl);
        List<CaseResult> results = new SuiteRunner(settings, System.out).run(selected);
        System.out.println();
        SummaryTable.print(results, System.out);
        Path junit = JUnitXmlReport.write(results, "imi-conformance " + targetUrl, reportDir.resolve("junit.xml"));
        Path html = HtmlReport.write(results, targetUrl.toString(), reportDir.resolve("report.html"));
        System.out.println("Reports: " + html.toAbsolutePath() + ", " + junit.toAbsolutePath());
        return SuiteRunner.exitCode(results);
    }

    Settings settings() {
        List<X509Certificate> target = KeyFiles.certificates("--target-cert", targetCert);
        X509Certificate encryption = targetEncryptionCert == null ? target.get(0)
                : KeyFiles.certificates("--target-encryption-cert", targetEncryptionCert).get(0);
        List<X509Certificate> anchors = new ArrayList<>(target.subList(1, target.size()));
        trustAnchors.forEach(pem -> anchors.addAll(KeyFiles.certificates("--trust-anchor", pem)));
        Identity signing = KeyFiles.identity("--keystore", keystore, keystorePassword, signingAlias);
        Optional<Identity> decrypting = Optional.empty();
        try {
            decrypting = Optional.of(KeyFiles.identity("--encryption-alias", keystore, keystorePassword, encryptionAlias));
        } catch (IllegalArgumentException e) {
            System.out.println("note: " + e.getMessage() + "; the listen cases will be skipped");
        }
        Optional<URI> tls = Optional.ofNullable(tlsUrl)
                .or(() -> Optional.of(targetUrl).filter(u -> "https".equalsIgnoreCase(u.getScheme())));
        return new Settings(targetUrl, tls, target.get(0), encryption, anchors, signing, decrypting, party, targetParty,
                service, Optional.ofNullable(serviceType), action, Optional.ofNullable(agreement),
                Optional.ofNullable(deliveryDir),
                Optional.ofNullable(expiredKeystore).map(p -> KeyFiles.identity("--expired-keystore", p, keystorePassword,
                        signingAlias)),
                Optional.ofNullable(revokedKeystore).map(p -> KeyFiles.identity("--revoked-keystore", p, keystorePassword,
                        signingAlias)),
                listenHost, listenPort, Duration.ofSeconds(listenWaitSeconds), Duration.ofSeconds(deliveryWaitSeconds),
                new ImiAuthorities(Optional.ofNullable(authority), Optional.ofNullable(peerAuthority),
                        Optional.ofNullable(outsiderAuthority), Optional.ofNullable(coordinatorAuthority),
                        Optional.ofNullable(forwardAuthority)), as4Two(),
                Optional.ofNullable(targetRetry).map(ReceptionAwareness::parse));
    }

    private Map<As4TwoProfile, As4TwoLeg> as4Two() {
        Map<As4TwoProfile, As4TwoLeg> legs = new EnumMap<>(As4TwoProfile.class);
        leg(As4TwoProfile.EDDSA, eddsaAction, "--eddsa-action", "--target-eddsa-cert", targetEddsaCert,
                "--target-x25519-cert", targetX25519Cert, "--eddsa-alias", eddsaAlias).ifPresent(l -> legs.put(l.profile(), l));
        leg(As4TwoProfile.ECDSA, ecdsaAction, "--ecdsa-action", "--target-ecdsa-cert", targetEcdsaCert,
                "--target-ecdh-cert", targetEcdhCert, "--ecdsa-alias", ecdsaAlias).ifPresent(l -> legs.put(l.profile(), l));
        return legs;
    }

    private Optional<As4TwoLeg> leg(As4TwoProfile profile, String action, String actionOption, String signingOption,
            Path signing, String encryptionOption, Path encryption, String aliasOption, String alias) {
        if (action == null) {
            if (signing != null || encryption != null) {
                throw new IllegalArgumentException(actionOption + " is missing: " + signingOption + " and "
                        + encryptionOption + " describe the target's " + profile.title() + " leg, which needs its action");
            }
            return Optional.empty();
        }
        if (signing == null || encryption == null) {
            throw new IllegalArgumentException(actionOption + " " + action + " needs " + signingOption + " and "
                    + encryptionOption + " (the target's " + profile.title() + " certificates)");
        }
        return Optional.of(new As4TwoLeg(profile, action, KeyFiles.certificates(signingOption, signing).get(0),
                KeyFiles.certificates(encryptionOption, encryption).get(0),
                KeyFiles.identity(aliasOption, keystore, keystorePassword, alias)));
    }
}
