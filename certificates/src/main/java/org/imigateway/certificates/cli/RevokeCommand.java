package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code certs revoke}: adds a certificate to the CA's CRL. Earlier revocations come back from the CRL file. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revokes a certificate issued by the CA in DIR and rewrites DIR/ca-crl.pem.")
class RevokeCommand extends PkiSubcommand {

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "Directory written by 'certs init'.")
    Path caDir;

    @Option(names = "--password", required = true, paramLabel = "PW", description = "Password of ca.p12.")
    char[] password;

    @Option(names = "--cert", required = true, paramLabel = "FILE.pem",
            description = "Certificate to revoke (the first one in the file).")
    Path certificateFile;

    @Override
    void execute(PrintWriter console) {
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(caDir), password);
        X509Certificate certificate = Stores.readCertificate(certificateFile);
        ca.revoke(certificate);
        X509CRL crl = ca.crl();
        Stores.writePem(PkiLayout.crl(caDir), List.of(crl));
        console.println("Revoked " + certificate.getSubjectX500Principal().getName()
                + " (serial " + certificate.getSerialNumber().toString(16) + ")");
        int listed = crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
        console.println("Wrote " + PkiLayout.crl(caDir) + " listing " + listed
                + " revoked certificate(s), next update " + crl.getNextUpdate().toInstant());
    }
}
