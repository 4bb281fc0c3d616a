package org.imigateway.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.conformance.cli.ImiConformanceCommand;
import org.imigateway.testsupport.Folders;
import org.imigateway.testsupport.GatewayHome;

import picocli.CommandLine;

/**
 * Two parties made by {@code imi-gateway init --also-https}: {@code target}, our gateway under test
 * (receiving on HTTP, and on HTTPS for the TLS cases), and {@code conformance}, whose keys the
 * suite uses; then {@code imi-conformance prepare} as the integrator runs it (the expired and
 * revoked signers, the CRL the target is given, the run command). Nothing of the target's home is
 * edited by hand: the other steps are the documented copy of the prepared CRL and
 * {@code imi-gateway partner add} of the suite once more, as {@value #GIVE_UP}, with the files
 * prepared for the target and a leg of its own ({@value #GIVE_UP_ACTION}) that retries as
 * {@value #GIVE_UP_RETRY} says, for {@code listen-retries-then-gives-up}.
 */
final class ConformanceNetwork {

    static final String SUITE = "conformance";
    static final String TARGET = "target";
    static final String PASSWORD = "changeit-demo";
    static final String SERVICE = "urn:imigateway:demo:exchange";
    static final String SERVICE_TYPE = "urn:imigateway:service";
    static final String ACTION = "Deliver";
    static final String AGREEMENT = "urn:imigateway:agreement:demo";
    /** The suite as a second partner of the target, on a leg that gives up within seconds. */
    static final String GIVE_UP = "conformance-give-up";
    static final String GIVE_UP_ACTION = "GiveUp";
    /** 6 s, a retry every 2 s: {@code listen-retries-then-gives-up} ends in seconds (its --target-retry). */
    static final String GIVE_UP_RETRY = "0.1;2;CONSTANT";

    private static ConformanceNetwork shared;

    final Path dir;
    private List<String> prepared;

    private ConformanceNetwork(Path dir) {
        this.dir = dir;
    }

    /**
     * One network for every test class of the run: making the keys takes longer than many cases.
     * Each class starts the target gateway it needs and stops it again, so they do not overlap.
     */
    static synchronized ConformanceNetwork shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("imi-conformance-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Folders.deleteQuietly(dir)));
            shared = create(dir);
        }
        return shared;
    }

    static ConformanceNetwork create(Path dir) throws Exception {
        Files.createDirectories(dir);
        GatewayProcess.run(dir.resolve("init.log"), java.time.Duration.ofMinutes(8),
                "init", "--dir", dir.resolve("net").toString(), "--party", SUITE, "--party", TARGET, "--also-https");
        ConformanceNetwork network = new ConformanceNetwork(dir);
        network.prepare();
        return network;
    }

    Path pki() {
        return dir.resolve("net/pki");
    }

    Path targetHome() {
        return dir.resolve("net/" + TARGET);
    }

    String targetUrl() throws IOException {
        return GatewayHome.at(targetHome()).as4Url();
    }

    /** The target's HTTPS endpoint ({@code init --also-https}; its TLS certificate names localhost), for the TLS cases. */
    String targetTlsUrl() throws IOException {
        return "https://localhost:" + GatewayHome.at(targetHome()).property("https.port") + "/as4";
    }

    /** The port of the suite party's endpoint in the target's PModes: where the target sends, so where the suite listens. */
    int suitePort() throws IOException {
        String pmodes = Files.readString(GatewayHome.at(targetHome()).pmodesFile());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<party name=\"" + SUITE
                + "\">\\s*<partyId>[^<]*</partyId>\\s*<endpoint>http://127\\.0\\.0\\.1:(\\d+)/").matcher(pmodes);
        if (!m.find()) {
            throw new IllegalStateException("no HTTP endpoint for party " + SUITE + " in the target's PModes:\n" + pmodes);
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The arguments of {@code imi-conformance run} against the target: the command {@code prepare}
     * printed, with the password, the cases and the report folder filled in.
     */
    List<String> runArguments(String cases, Path reportDir) throws IOException {
        List<String> args = new ArrayList<>(prepared);
        args.set(args.indexOf("$PW"), PASSWORD);
        args.set(args.indexOf("--cases") + 1, cases);
        args.set(args.indexOf("--report-dir") + 1, reportDir.toString());
        args.addAll(List.of("--delivery-wait", "20"));
        return args;
    }

    /**
     * The integrator's documented steps: {@code imi-conformance prepare} against the target (our
     * keys, the expired and revoked signers, the files for the target), then the target's CRL
     * replaced by the one prepared (an IMI Gateway reads {@code trust.crl}, keystores/ca-crl.pem).
     */
    private void prepare() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = new CommandLine(new ImiConformanceCommand()).execute("prepare", "--pki", pki().toString(),
                    "--password", PASSWORD, "--party", SUITE, "--out", dir.resolve("suite").toString(),
                    "--target-party", TARGET, "--target-url", targetUrl(), "--tls-url", targetTlsUrl(),
                    "--service", SERVICE, "--service-type", SERVICE_TYPE, "--action", ACTION, "--agreement", AGREEMENT,
                    "--eddsa-action", ACTION + "EdDSA", "--ecdsa-action", ACTION + "ECDSA",
                    "--delivery-dir", targetHome().resolve("data/inbox").toString());
        } finally {
            System.setOut(original);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new IllegalStateException("imi-conformance prepare exited " + code + ":\n" + output);
        }
        Path forTarget = dir.resolve("suite").resolve("for-the-target");
        Files.copy(forTarget.resolve(PkiLayout.CRL_FILE), targetHome().resolve("keystores/ca-crl.pem"),
                StandardCopyOption.REPLACE_EXISTING);
        prepared = PreparedRun.arguments(output);
        GatewayProcess.run(dir.resolve("partner-add.log"), java.time.Duration.ofMinutes(2), "partner", "add",
                "--home", targetHome().toString(), "--name", GIVE_UP, "--party-id", "urn:imi:" + GIVE_UP,
                "--endpoint", "http://127.0.0.1:" + suitePort() + "/as4",
                "--signing-certificate", PartyKit.signingCertificateFile(forTarget, SUITE).toString(),
                "--encryption-certificate", PartyKit.encryptionCertificateFile(forTarget, SUITE).toString(),
                "--leg", "service=" + SERVICE + ",serviceType=" + SERVICE_TYPE + ",action=" + GIVE_UP_ACTION
                        + ",agreement=" + AGREEMENT + ",retry=" + GIVE_UP_RETRY);
    }
}
