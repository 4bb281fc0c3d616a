package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code certs issue}: a kit for one more party from an existing CA. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Issues a certificate kit for a party from the CA in DIR (DIR/ca.p12) into DIR.")
class IssueCommand extends PkiSubcommand {

    @Option(names = "--ca", required = true, paramLabel = "DIR", description = "Directory written by 'certs init'.")
    Path caDir;

    @Option(names = "--password", required = true, paramLabel = "PW",
            description = "Password of ca.p12, also used for the party's PKCS12 file.")
    char[] password;

    @Option(names = "--party", required = true, paramLabel = "NAME",
            description = "Access point to issue certificates for; repeatable.")
    List<String> parties;

    @Mixin
    HostNameOption hostNames;

    @Override
    void execute(PrintWriter console) {
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(caDir), password);
        List<PartyKit> kits = parties.stream()
                .map(party -> PartyKit.issue(ca, party, hostNames.hostsOrDefault()))
                .toList();
        for (PartyKit kit : kits) {
            kit.writeTo(caDir, password);
            WrittenFiles.printKit(console, kit, hostNames.hostsOrDefault(), caDir);
        }
    }
}
