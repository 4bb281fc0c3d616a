package org.imigateway.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.imigateway.testsupport.ChildLog;

/**
 * Our gateway as the suite meets it: a separate JVM started from {@code gateway/target/imi-gateway.jar}
 * (built earlier in the same reactor), reached only over the wire.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("..", "gateway", "target", "imi-gateway.jar").toAbsolutePath().normalize();

    private final Process process;
    private final Path log;

    private GatewayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Runs an {@code imi-gateway} command to its end; fails with its output when it does not exit 0
     * within {@code limit} (generous: key generation on a busy shared machine is slow).
     */
    static void run(Path log, Duration limit, String... args) throws IOException, InterruptedException {
        if (exitCode(log, limit, args) != 0) {
            throw new IllegalStateException("imi-gateway " + String.join(" ", args) + " failed:\n" + Files.readString(log));
        }
    }

    /** Runs an {@code imi-gateway} command to its end and returns its exit code; -1 when it did not end within {@code limit}. */
    static int exitCode(Path log, Duration limit, String... args) throws IOException, InterruptedException {
        Process process = builder(log, args).start();
        try {
            return process.waitFor(limit.toSeconds(), TimeUnit.SECONDS) ? process.exitValue() : -1;
        } finally {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts {@code serve --home home} and returns once the gateway says it is receiving. */
    static GatewayProcess serve(Path home) throws IOException, InterruptedException {
        return started(home.resolve("serve.log"), List.of("-jar", jar(), "serve", "--home", home.toString()));
    }

    /**
     * Starts the gateway of the home with one inbound step broken on purpose ({@link FaultyGateway}):
     * the shipped jar plus this module's test classes, which hold the broken steps.
     */
    static GatewayProcess serveFaulty(Path home, String fault) throws IOException, InterruptedException {
        String testClasses;
        try {
            testClasses = Path.of(FaultyGateway.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return started(home.resolve("serve-" + fault + ".log"), List.of("-cp",
                jar() + java.io.File.pathSeparator + testClasses, FaultyGateway.class.getName(), home.toString(), fault));
    }

    private static GatewayProcess started(Path log, List<String> javaArgs) throws IOException, InterruptedException {
        GatewayProcess gateway = new GatewayProcess(java(log, javaArgs).start(), log);
        gateway.awaitOutput("receiving at", Duration.ofSeconds(90));
        return gateway;
    }

    private static ProcessBuilder builder(Path log, String... args) {
        List<String> javaArgs = new ArrayList<>(List.of("-jar", jar()));
        javaArgs.addAll(List.of(args));
        return java(log, javaArgs);
    }

    private static ProcessBuilder java(Path log, List<String> javaArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1"));
        command.addAll(javaArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    private static String jar() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the gateway module first (mvn verify builds it in the reactor)");
        }
        return JAR.toString();
    }

    private void awaitOutput(String text, Duration wait) throws IOException, InterruptedException {
        try {
            ChildLog.await(process, log, text, wait);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
