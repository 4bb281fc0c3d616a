package org.imigateway.certificates.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiException;
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

    @Option(names = "--not-before", paramLabel = "WHEN", description = "Start of validity of every certificate issued:"
            + " a date (2026-01-31, midnight UTC) or an instant (2026-01-31T12:00:00Z). Default: an hour ago.")
    String notBefore;

    @Option(names = "--not-after", paramLabel = "WHEN", description = "End of validity, in the same forms; a date in the"
            + " past issues an expired kit (for testing that a receiver refuses it). Default: two years after --not-before.")
    String notAfter;

    @Override
    void execute(PrintWriter console) {
        CertificateAuthority ca = CertificateAuthority.load(PkiLayout.caKeyStore(caDir), password);
        List<PartyKit> kits;
        if (notBefore == null && notAfter == null) {
            kits = parties.stream().map(party -> PartyKit.issue(ca, party, hostNames.hostsOrDefault())).toList();
        } else {
            Instant start = notBefore == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1))
                    : instant("--not-before", notBefore);
            Instant end = notAfter == null ? start.plus(Duration.ofDays(2 * 365)) : instant("--not-after", notAfter);
            if (!end.isAfter(start)) {
                throw new PkiException("--not-after " + end + " is not after --not-before " + start);
            }
            kits = parties.stream().map(party -> PartyKit.issue(ca, party, hostNames.hostsOrDefault(), start, end)).toList();
        }
        for (PartyKit kit : kits) {
            kit.writeTo(caDir, password);
            WrittenFiles.printKit(console, kit, hostNames.hostsOrDefault(), caDir);
        }
    }

    private static Instant instant(String option, String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new PkiException(option + " '" + value + "' is neither a date (2026-01-31) nor an instant"
                    + " (2026-01-31T12:00:00Z)");
        }
    }
}
