package org.imigateway.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The output file of a child JVM (a gateway started with {@code serve}, a crash or load node),
 * which the parent reads to know when the child is ready. A child that dies or stays silent fails
 * the wait with its output, so the reason is in the report, not in a file left behind.
 */
public final class ChildLog {

    private ChildLog() {
    }

    /** Returns once {@code log} contains {@code text}; fails when {@code process} ends first or {@code timeout} passes. */
    public static void await(Process process, Path log, String text, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(log).contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended (exit " + process.exitValue() + ") before it wrote '"
                        + text + "' to " + log + ":\n" + read(log));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the process did not write '" + text + "' to " + log + " within "
                        + timeout.toSeconds() + " s:\n" + read(log));
            }
            Thread.sleep(100);
        }
    }

    /** What the child wrote so far; empty before it has written anything. */
    public static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
