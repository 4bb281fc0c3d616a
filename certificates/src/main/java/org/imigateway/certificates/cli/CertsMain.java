package org.imigateway.certificates.cli;

import picocli.CommandLine;

/** Runs {@code certs} as a program of its own. Exit codes: 0 done, 1 bad input, 2 usage error. */
public final class CertsMain {

    private CertsMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CertsCommand()).execute(args));
    }
}
