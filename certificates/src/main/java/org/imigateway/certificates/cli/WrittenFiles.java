package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.certificates.PartyKit;

/** Tells the user which files a subcommand wrote, one per line, so they can find them. */
final class WrittenFiles {

    private WrittenFiles() {
    }

    static void printKit(PrintWriter console, PartyKit kit, List<String> hosts, Path dir) {
        console.println("Issued certificates for " + kit.partyName() + " (TLS hosts " + String.join(", ", hosts) + "):");
        print(console, kit.files(dir));
    }

    static void print(PrintWriter console, List<Path> files) {
        for (Path file : files) {
            console.println("  wrote " + file);
        }
    }
}
