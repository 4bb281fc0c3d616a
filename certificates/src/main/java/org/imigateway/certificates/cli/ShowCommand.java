package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.imigateway.certificates.Stores;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code certs show}: what is in a PEM certificate file, for a person checking it. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints subject, issuer, serial, validity and key of each certificate in a PEM file.")
class ShowCommand extends PkiSubcommand {

    @Parameters(paramLabel = "FILE.pem", description = "PEM file with one or more certificates.")
    Path file;

    @Override
    void execute(PrintWriter console) {
        List<X509Certificate> certificates = Stores.readCertificates(file);
        Instant now = Instant.now();
        for (int i = 0; i < certificates.size(); i++) {
            console.println(file + " certificate " + (i + 1) + " of " + certificates.size() + ":");
            CertificateDescription.of(certificates.get(i), now).forEach(console::println);
        }
    }
}
