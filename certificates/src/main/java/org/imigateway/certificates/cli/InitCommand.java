package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiException;
import org.imigateway.certificates.PkiLayout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code certs init}: a new CA and a kit for each party, all in one directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Creates a new CA and issues a certificate kit for each party into DIR.")
class InitCommand extends PkiSubcommand {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path out;

    @Option(names = "--password", required = true, paramLabel = "PW",
            description = "Password of every PKCS12 file written.")
    char[] password;

    @Option(names = "--party", required = true, paramLabel = "NAME",
            description = "Access point to issue certificates for; repeatable.")
    List<String> parties;

    @Option(names = "--ca-name", paramLabel = "CN", defaultValue = "IMI Gateway Test CA",
            description = "Common name of the new CA. Default: ${DEFAULT-VALUE}.")
    String caName;

    @Mixin
    HostNameOption hostNames;

    @Override
    void execute(PrintWriter console) {
        // Overwriting ca.p12 would orphan every certificate issued from it.
        if (Files.exists(PkiLayout.caKeyStore(out))) {
            throw new PkiException(out + " already holds a CA (" + PkiLayout.caKeyStore(out)
                    + "); use 'certs issue' to add parties to it");
        }
        CertificateAuthority ca = CertificateAuthority.create(caName);
        // Issue everything before writing anything, so a bad party name leaves no half-made PKI behind.
        List<PartyKit> kits = parties.stream()
                .map(party -> PartyKit.issue(ca, party, hostNames.hostsOrDefault()))
                .toList();
        PkiLayout.writeCa(ca, out, password);
        console.println("Created CA " + ca.certificate().getSubjectX500Principal().getName() + " in " + out + ":");
        WrittenFiles.print(console, PkiLayout.files(out));
        for (PartyKit kit : kits) {
            kit.writeTo(out, password);
            WrittenFiles.printKit(console, kit, hostNames.hostsOrDefault(), out);
        }
    }
}
