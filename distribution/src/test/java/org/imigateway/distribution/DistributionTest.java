package org.imigateway.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installable distribution as an operator meets it: {@code target/imi-gateway-<version>.tar.gz}
 * unpacked with tar, then {@code bin/imi-gateway} run as a shell command with nothing but the
 * environment, as systemd would. Runs in the {@code distribution-test} execution after
 * {@code package} (distribution/pom.xml), which names the archive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionTest {

    private static final String ARCHIVE = System.getProperty("distribution.archive");
    private static final String VERSION = System.getProperty("distribution.version");

    @TempDir
    static Path dir;

    private static Path installed;

    @BeforeAll
    static void unpack() throws Exception {
        assumeTrue(ARCHIVE != null, "runs in the distribution-test execution, after package made the archive");
        Path archive = Path.of(ARCHIVE);
        assertTrue(Files.isRegularFile(archive), archive + " was not built");
        Result tar = run(List.of("tar", "-xzf", archive.toString(), "-C", dir.toString()), Map.of(), 60);
        assertEquals(0, tar.exit(), tar.output());
        installed = dir.resolve("imi-gateway-" + VERSION);
    }

    @Test
    @Order(1)
    void archiveHoldsLauncherJarsUnitAndDocs() throws IOException {
        Path launcher = installed.resolve("bin/imi-gateway");
        assertTrue(Files.getPosixFilePermissions(launcher).contains(PosixFilePermission.OTHERS_EXECUTE),
                "bin/imi-gateway must be executable by everyone");
        try (var jars = Files.list(installed.resolve("lib"))) {
            List<String> names = jars.map(p -> p.getFileName().toString()).toList();
            for (String ours : List.of("imi-gateway.jar", "imi-sandbox.jar", "imi-conformance-tests.jar", "imi-certificates.jar")) {
                assertTrue(names.contains(ours), ours + " missing from lib/: " + names);
            }
            for (String dependency : List.of("artemis-server-", "derby-", "camel-core-engine-", "wss4j-ws-security-dom-",
                    "picocli-")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(dependency)), dependency + " missing from lib/: " + names);
            }
        }
        String unit = Files.readString(installed.resolve("systemd/imi-gateway.service"));
        assertTrue(unit.contains("User=imi-gateway") && unit.contains("Restart=on-failure")
                && unit.contains("ExecStart=/opt/imi-gateway/bin/imi-gateway serve"), unit);
        assertTrue(Files.readString(installed.resolve("README.md")).contains("## Installing the distribution"));
        assertTrue(Files.isRegularFile(installed.resolve("docs/operations.md")));
        assertTrue(Files.isRegularFile(installed.resolve("artemis/broker.xml")));
    }

    @Test
    @Order(2)
    void versionNamesTheBuiltVersionAndJavaOptsReachTheJvm() throws Exception {
        Result version = launch(List.of("--version"), Map.of(), 60);
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().contains("IMI Gateway " + VERSION), version.output());

        // An option the JVM does not know makes it refuse to start: proof that JAVA_OPTS reached it.
        Result refused = launch(List.of("--version"), Map.of("JAVA_OPTS", "-XX:+NoSuchImiOption"), 60);
        assertTrue(refused.exit() != 0 && refused.output().contains("NoSuchImiOption"), refused.output());
    }

    /**
     * The sandbox's and the suite's commands join imi-gateway's from their jars in lib/ (without them
     * both would answer exit 2 with where they are: ExitCodesTest).
     */
    @Test
    @Order(3)
    void sandboxAndConformanceRunThroughTheLauncher() throws Exception {
        Result sandbox = launch(List.of("sandbox", "--help"), Map.of(), 60);
        assertEquals(0, sandbox.exit(), sandbox.output());
        assertTrue(sandbox.output().contains("Usage: imi-gateway sandbox") && sandbox.output().contains("--dir"), sandbox.output());

        Result conformance = launch(List.of("conformance", "--help"), Map.of(), 60);
        assertEquals(0, conformance.exit(), conformance.output());
        assertTrue(conformance.output().contains("Usage: imi-gateway conformance"), conformance.output());
        for (String subcommand : List.of("run", "prepare", "list")) {
            assertTrue(conformance.output().contains("  " + subcommand + " "), subcommand + ":\n" + conformance.output());
        }
    }

    /** The demo from the installation: three gateways, every outcome as expected, the logs in a file. */
    @Test
    @Order(4)
    void demoRunsFromTheInstallationAndHomesAnswerThroughImiHome() throws Exception {
        Path demo = dir.resolve("demo");
        Result result = launch(List.of("demo", "--dir", demo.toString()), Map.of(), 420);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("Demo finished: every outcome as expected."), result.output());
        // progress and table only: the gateways' log lines are in the file
        assertTrue(result.output().contains("  ping (test service)"), result.output());
        assertTrue(!result.output().contains(" INFO "), "log lines on the console:\n" + result.output());
        assertTrue(Files.readString(demo.resolve("demo.log")).contains(" INFO "), "no log lines in demo.log");

        // --home defaults to IMI_HOME: the counts of the stopped gw-b
        Result status = launch(List.of("status"), Map.of("IMI_HOME", demo.resolve("gw-b").toString()), 120);
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("DELIVERED"), status.output());
    }

    /**
     * An integrator's first step with the suite, from the installation and the demo's CA: prepare
     * writes the signers and prints the run command in the form it was started with.
     */
    @Test
    @Order(5)
    void conformancePrepareFromTheInstallationPrintsItsRunCommandUnderImiGateway() throws Exception {
        Path suite = dir.resolve("suite");
        Result prepare = launch(List.of("conformance", "prepare", "--pki", dir.resolve("demo/pki").toString(),
                "--password", "changeit-demo", "--party", "gw-a", "--out", suite.toString(), "--target-party", "gw-b",
                "--target-url", "http://127.0.0.1:9/as4", "--service", "urn:imigateway:demo:exchange", "--action", "Deliver"),
                Map.of(), 120);
        assertEquals(0, prepare.exit(), prepare.output());
        assertTrue(prepare.output().contains("  imi-gateway conformance run \\"), prepare.output());
        assertTrue(Files.isRegularFile(suite.resolve("expired.p12")) && Files.isRegularFile(suite.resolve("revoked.p12")));
    }

    private static Result launch(List<String> args, Map<String, String> environment, int seconds) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(installed.resolve("bin/imi-gateway").toString()));
        command.addAll(args);
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putIfAbsent("JAVA_OPTS", "-Xmx512m");
        return run(command, env, seconds);
    }

    private static Result run(List<String> command, Map<String, String> environment, int seconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("IMI_HOME");
        builder.environment().remove("IMI_JAVA_OPTS");
        builder.environment().putAll(environment);
        Path output = Files.createTempFile(dir, "out-", ".txt");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not end within " + seconds + " s:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
