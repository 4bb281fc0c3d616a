package org.imigateway.sandbox;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.imigateway.conformance.report.SummaryTable;
import org.imigateway.conformance.run.CaseResult;
import org.imigateway.conformance.run.Verdict;
import org.imigateway.demo.DemoNetwork;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imi-sandbox --dir DIR}: starts the sandbox, tells the integrator where its access point,
 * keys and backend folders are and what the scenario asks, plays the scenario and writes the report.
 * With {@code --partner-endpoint URL --partner-cert FILE} the hub's partner is the integrator's
 * own AS4 endpoint instead, and it prints what to configure there.
 * Exit 0 when every step passed, 1 when one failed, 2 on bad options or a bad scenario file.
 */
@Command(name = "imi-sandbox", mixinStandardHelpOptions = true,
        description = "Training sandbox: a hub with robot authorities that play each procedure back to your system.")
public final class SandboxCommand implements Callable<Integer> {

    private static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";

    @Option(names = "--dir", required = true, description = "the sandbox's folder (written on the first run, reused after)")
    Path dir;

    @Option(names = "--scenario", description = "the scenario file (default: DIR/scenario.properties, written on the first run)")
    Path scenarioFile;

    @Option(names = Partner.ENDPOINT_OPTION, paramLabel = "URL",
            description = "your own AS4 endpoint: the hub sends to it instead of the access point the sandbox starts")
    String partnerEndpoint;

    @Option(names = Partner.CERT_OPTION, paramLabel = "FILE",
            description = "PEM certificate your endpoint signs with (and encrypts with, unless "
                    + Partner.ENCRYPTION_CERT_OPTION + " is given); issued by the sandbox's CA")
    Path partnerCert;

    @Option(names = Partner.ENCRYPTION_CERT_OPTION, paramLabel = "FILE",
            description = "PEM certificate the hub encrypts for, when your endpoint decrypts with another key than it signs with")
    Path partnerEncryptionCert;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SandboxCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        // five gateways log a lot: their lines go to a file, the console is the integrator's
        if (System.getProperty(LOG_FILE) == null) {
            System.setProperty(LOG_FILE, dir.resolve("sandbox.log").toString());
        }
        java.util.logging.Logger.getLogger("org.apache.xml.security").setLevel(java.util.logging.Level.SEVERE);
        java.util.logging.Logger.getLogger("org.apache.jcp.xml.dsig").setLevel(java.util.logging.Level.SEVERE);
        Path file = scenarioFile != null ? scenarioFile : dir.resolve("scenario.properties");
        if (scenarioFile == null && !Files.exists(file)) {
            try (InputStream shipped = SandboxCommand.class.getResourceAsStream("scenario.properties")) {
                Files.copy(shipped, file);
            }
        }
        Scenario scenario;
        Optional<Partner> partner;
        try {
            scenario = Scenario.read(file);
            partner = partner();
        } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            System.err.println("imi-sandbox: " + e.getMessage());
            return 2;
        }
        Sandbox started;
        try {
            started = Sandbox.start(dir, scenario.integratorCountry(), partner);
        } catch (IllegalArgumentException e) {
            System.err.println("imi-sandbox: " + e.getMessage());
            return 2;
        }
        try (Sandbox sandbox = started) {
            printIntroduction(sandbox, scenario, file);
            List<CaseResult> results = sandbox.play(scenario, Clock.systemUTC());
            SummaryTable.print(results, System.out);
            System.out.println("report: " + dir.resolve("report/report.html") + " and " + dir.resolve("report/junit.xml")
                    + "; the gateways' log: " + System.getProperty(LOG_FILE));
            return results.stream().anyMatch(r -> r.verdict().status() == Verdict.Status.FAIL) ? 1 : 0;
        }
    }

    /** The partner options, all or none: an endpoint needs a certificate, and the other way round. */
    private Optional<Partner> partner() {
        if (partnerEndpoint == null && partnerCert == null && partnerEncryptionCert == null) {
            return Optional.empty();
        }
        if (partnerEndpoint == null || partnerCert == null) {
            throw new IllegalArgumentException(Partner.ENDPOINT_OPTION + " and " + Partner.CERT_OPTION + " go together ("
                    + (partnerEndpoint == null ? Partner.ENDPOINT_OPTION : Partner.CERT_OPTION) + " is missing)");
        }
        return Optional.of(Partner.of(partnerEndpoint, partnerCert, Optional.ofNullable(partnerEncryptionCert),
                java.time.Instant.now()));
    }

    private static void printIntroduction(Sandbox sandbox, Scenario scenario, Path file) throws java.io.IOException {
        SandboxDirectory directory = sandbox.directory();
        Path home = sandbox.integratorHome();
        System.out.println("Sandbox running: hub and robot authorities " + directory.robots() + ", scenario " + file);
        if (sandbox.partner().isPresent()) {
            PartnerSetup.print(sandbox, System.out);
        } else {
            printAccessPoint(sandbox, home);
        }
        System.out.println("Steps (" + scenario.timeout().toSeconds() + " s at most):");
        for (Step step : ScenarioSteps.of(scenario, directory, sandbox.nextRun())) {
            System.out.println("  " + step.id() + ": " + step.assertion());
        }
    }

    private static void printAccessPoint(Sandbox sandbox, Path home) {
        SandboxDirectory directory = sandbox.directory();
        System.out.println("Your authority: " + directory.integrator() + ", behind your access point " + home);
        System.out.println("  send:    write a folder into " + sandbox.integratorBackend().resolve("outbox")
                + " (metadata.xml, the payload, then READY; docs/connectors.md), toParty " + SandboxDirectory.HUB);
        System.out.println("  receive: " + sandbox.integratorBackend().resolve("inbox"));
        System.out.println("  keys:    " + home.resolve("keystores") + " (password " + DemoNetwork.DEMO_PASSWORD
                + "); PModes and the hub's certificates: " + home.resolve("config/pmodes"));
        System.out.println("  AS4:     " + String.join(", ", sandbox.gateway(SandboxDirectory.INTEGRATOR_ACCESS_POINT).endpoints()));
    }
}
