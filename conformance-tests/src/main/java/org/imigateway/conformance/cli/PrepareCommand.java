package org.imigateway.conformance.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.CertificatePurpose;
import org.imigateway.certificates.CertificateRequest;
import org.imigateway.certificates.IssuedCertificate;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiException;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code prepare}: everything a run needs against a target whose trust anchor is the CA in
 * {@code --pki}: our key store (kept when the CA already issued one for {@code --party}), the
 * expired and revoked signing keys, the files to give the target, and the {@code run} command
 * with the real file names.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prepare a run against a target: our keys, the expired and revoked signers, the files for the target,"
                + " and the 'run' command to use. Exit 0, or 2 on bad options or files.")
public final class PrepareCommand implements Callable<Integer> {

    static final String EXPIRED = "expired.p12";
    static final String REVOKED = "revoked.p12";
    static final String FOR_TARGET = "for-the-target";

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "The CA directory the target trusts"
            + " ('imi-gateway init' writes it as DIR/pki, 'certs init' as DIR): ca.p12, ca.pem, ca-crl.pem.")
    Path pki;

    @Option(names = "--password", required = true, paramLabel = "PW", description = "Password of ca.p12; also of the"
            + " key stores written.")
    char[] password;

    @Option(names = "--party", required = true, description = "Our PartyId, as the target knows us (or is to).")
    String party;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the suite's files go.")
    Path out;

    @Option(names = "--target-party", required = true, description = "The target's PartyId.")
    String targetParty;

    @Option(names = "--target-url", required = true, description = "The target's AS4 endpoint.")
    URI targetUrl;

    @Option(names = "--tls-url", description = "The target's HTTPS endpoint, if --target-url is not https.")
    URI tlsUrl;

    @Option(names = "--service", required = true, description = "eb:Service of the legs to test.")
    String service;

    @Option(names = "--service-type", description = "eb:Service/@type, if the legs have one.")
    String serviceType;

    @Option(names = "--action", required = true, description = "eb:Action of the AS4 1.15 leg.")
    String action;

    @Option(names = "--agreement", description = "eb:AgreementRef, if the legs have one.")
    String agreement;

    @Option(names = "--eddsa-action", description = "eb:Action of the target's AS4 2.0 EdDSA/X25519 leg, if it has one.")
    String eddsaAction;

    @Option(names = "--ecdsa-action", description = "eb:Action of the target's AS4 2.0 ECDSA/ECDH-ES leg, if it has one.")
    String ecdsaAction;

    @Option(names = "--delivery-dir", description = "The folder the target's backend delivers to, if the suite can see it.")
    Path deliveryDir;

    /** Null when {@link #prepare} is called without picocli. */
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            prepare(System.out);
            return 0;
        } catch (PkiException | IllegalArgumentException e) {
            System.err.println("prepare: " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            System.err.println("prepare: cannot write into " + out + ": " + e.getMessage());
            return 2;
        }
    }

    /** Writes the files and prints what to give the target and the run command; returns that command's arguments. */
    List<String> prepare(PrintStream console) throws java.io.IOException {
        Path caStore = PkiLayout.caKeyStore(pki);
        if (!Files.exists(caStore)) {
            throw new IllegalArgumentException("--pki " + pki + " has no " + PkiLayout.CA_KEY_STORE_FILE
                    + " (give the CA directory that 'imi-gateway init' or 'certs init' wrote)");
        }
        CertificateAuthority ca = CertificateAuthority.load(caStore, password);
        Files.createDirectories(out);
        Path keystore = PartyKit.keyStoreFile(pki, party);
        PartyKit ours;
        if (Files.exists(keystore)) {
            ours = PartyKit.read(pki, party, password);
        } else {
            ours = PartyKit.issue(ca, party, List.of("localhost", "127.0.0.1"));
            ours.writeTo(out, password);
            keystore = PartyKit.keyStoreFile(out, party);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        IssuedCertificate expired = ca.issue(CertificateRequest.of(party, CertificatePurpose.SIGNING)
                .validity(now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS)));
        IssuedCertificate revoked = ca.issueSigning(party);
        ca.revoke(revoked.certificate());
        Stores.write(Stores.keyStore(Map.of(PartyKit.SIGNING_ALIAS, expired), password), out.resolve(EXPIRED), password);
        Stores.write(Stores.keyStore(Map.of(PartyKit.SIGNING_ALIAS, revoked), password), out.resolve(REVOKED), password);
        // the CA's CRL now lists the revoked signer; the target must read this one
        Stores.writePem(PkiLayout.crl(pki), List.of(ca.crl()));

        Path forTarget = Files.createDirectories(out.resolve(FOR_TARGET));
        Stores.writePem(forTarget.resolve(PkiLayout.CA_CERTIFICATE_FILE), List.of(ca.certificate()));
        Stores.writePem(forTarget.resolve(PkiLayout.CRL_FILE), List.of(ca.crl()));
        Stores.writePem(PartyKit.signingCertificateFile(forTarget, party), List.of(ours.signing().certificate()));
        Stores.writePem(PartyKit.encryptionCertificateFile(forTarget, party), List.of(ours.encryption().certificate()));
        for (String alias : PartyKit.PROFILE_ALIASES.keySet()) {
            ours.profileKey(alias).ifPresent(key -> Stores.writePem(PartyKit.certificateFile(forTarget, party, alias),
                    List.of(key.certificate())));
        }

        List<String> run = runArguments(keystore);
        console.println("Wrote " + keystore + " (our keys), " + out.resolve(EXPIRED) + " and " + out.resolve(REVOKED)
                + " (a signer that has expired, one the CA revoked).");
        console.println("Give the target, from " + forTarget + ":");
        console.println("  - " + PkiLayout.CA_CERTIFICATE_FILE + " as a trust anchor, and " + PkiLayout.CRL_FILE
                + " as the CA's CRL (it lists the revoked signer; an IMI Gateway reads it from trust.crl)");
        console.println("  - our party '" + party + "' with " + PartyKit.signingCertificateFile(forTarget, party).getFileName()
                + " and " + PartyKit.encryptionCertificateFile(forTarget, party).getFileName()
                + " (AS4 2.0: the " + party + "-signing-eddsa/-encryption-x25519/-signing-ecdsa/-encryption-ecdh files)");
        console.println("Then run (PW: the password given here):");
        console.println("  " + suiteCommand() + " " + String.join(" \\\n      ", lines(quoted(run))));
        return run;
    }

    /** The suite as it was started: its own jar, or a command it runs under ({@code imi-gateway conformance}). */
    private String suiteCommand() {
        CommandSpec suite = spec != null ? spec.parent() : null;
        return suite != null && suite.parent() != null ? suite.qualifiedName() : "java -jar imi-conformance.jar";
    }

    private List<String> runArguments(Path keystore) {
        List<String> args = new ArrayList<>(List.of("run", "--target-url", targetUrl.toString()));
        if (tlsUrl != null) {
            args.addAll(List.of("--tls-url", tlsUrl.toString()));
        }
        args.addAll(List.of("--target-cert", targetFile(PartyKit.signingCertificateFile(pki, targetParty)).toString(),
                "--target-encryption-cert", targetFile(PartyKit.encryptionCertificateFile(pki, targetParty)).toString(),
                "--trust-anchor", PkiLayout.caCertificate(pki).toString(),
                "--keystore", keystore.toString(), "--keystore-password", "$PW",
                "--party", party, "--target-party", targetParty, "--service", service));
        if (serviceType != null) {
            args.addAll(List.of("--service-type", serviceType));
        }
        args.addAll(List.of("--action", action));
        if (agreement != null) {
            args.addAll(List.of("--agreement", agreement));
        }
        if (deliveryDir != null) {
            args.addAll(List.of("--delivery-dir", deliveryDir.toString()));
        }
        args.addAll(List.of("--expired-keystore", out.resolve(EXPIRED).toString(),
                "--revoked-keystore", out.resolve(REVOKED).toString()));
        if (eddsaAction != null) {
            args.addAll(List.of("--eddsa-action", eddsaAction,
                    "--target-eddsa-cert", targetFile(PartyKit.certificateFile(pki, targetParty, PartyKit.SIGNING_EDDSA_ALIAS)).toString(),
                    "--target-x25519-cert", targetFile(PartyKit.certificateFile(pki, targetParty,
                            PartyKit.ENCRYPTION_X25519_ALIAS)).toString()));
        }
        if (ecdsaAction != null) {
            args.addAll(List.of("--ecdsa-action", ecdsaAction,
                    "--target-ecdsa-cert", targetFile(PartyKit.certificateFile(pki, targetParty, PartyKit.SIGNING_ECDSA_ALIAS)).toString(),
                    "--target-ecdh-cert", targetFile(PartyKit.certificateFile(pki, targetParty,
                            PartyKit.ENCRYPTION_ECDH_ALIAS)).toString()));
        }
        args.addAll(List.of("--cases", "send", "--report-dir", out.resolve("report").toString()));
        return args;
    }

    /** The target's certificate as its CA issued it into {@code --pki}; a target from elsewhere gives its own files to 'run'. */
    private Path targetFile(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--pki " + pki + " has no " + file.getFileName() + " for --target-party "
                    + targetParty + " (the CA there did not issue the target's certificates: give 'run' the target's"
                    + " own PEM files instead)");
        }
        return file;
    }

    /** One option and its value per line. */
    private static List<String> lines(List<String> args) {
        List<String> lines = new ArrayList<>();
        for (String arg : args) {
            if (!lines.isEmpty() && !arg.startsWith("--") && lines.get(lines.size() - 1).startsWith("--")
                    && !lines.get(lines.size() - 1).contains(" ")) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + arg);
            } else {
                lines.add(arg);
            }
        }
        return lines;
    }

    private static List<String> quoted(List<String> args) {
        return args.stream().map(a -> a.equals("$PW") ? "\"$PW\"" : a.contains(" ") ? "'" + a + "'" : a).toList();
    }
}
