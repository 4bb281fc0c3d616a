package org.imigateway.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.imigateway.as4.Namespaces;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.demo.ImiLegs;
import org.imigateway.schemas.imi.ImiDocumentType;

/**
 * What the integrator configures on its own AS4 endpoint when it is the hub's partner: the files
 * it needs are copied into {@code DIR/}{@value #FOLDER} (the hub's certificates, the sandbox's CA
 * and revocation list) and the PMode values are printed.
 */
final class PartnerSetup {

    static final String FOLDER = "for-your-endpoint";

    private PartnerSetup() {
    }

    /** Writes {@value #FOLDER} and prints what goes where. */
    static void print(Sandbox sandbox, PrintStream out) throws IOException {
        Partner partner = sandbox.partner().orElseThrow();
        Path dir = sandbox.integratorHome().getParent();
        Path folder = Files.createDirectories(dir.resolve(FOLDER));
        Path hubCerts = dir.resolve(SandboxDirectory.HUB).resolve("config/pmodes/certs");
        String hub = SandboxDirectory.HUB;
        Files.copy(hubCerts.resolve(hub + "-signing.pem"), folder.resolve(hub + "-signing.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(hubCerts.resolve(hub + "-encryption.pem"), folder.resolve(hub + "-encryption.pem"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(PkiLayout.caCertificate(dir.resolve("pki")), folder.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(PkiLayout.crl(dir.resolve("pki")), folder.resolve("ca-crl.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve(hub).resolve("config/pmodes").resolve(ImiLegs.FILE), folder.resolve(ImiLegs.FILE),
                StandardCopyOption.REPLACE_EXISTING);

        out.println("Your authority: " + sandbox.directory().integrator() + ", at your own AS4 endpoint " + partner.endpoint()
                + " (the hub's PMode party '" + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "')");
        out.println("Configure your endpoint (the files are in " + folder + "):");
        out.println("  the hub:     " + String.join(", ", sandbox.gateway(hub).endpoints()) + ", PartyId '" + hub + "'");
        out.println("  you:         PartyId '" + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "' (both of type "
                + Namespaces.UNREGISTERED_PARTY_TYPE + ")");
        out.println("  certificates: verify the hub's messages and receipts with " + hub + "-signing.pem, encrypt for "
                + hub + "-encryption.pem; both issued by the sandbox's CA ca.pem, revocation list ca-crl.pem");
        out.println("  your keys:   sign with the key of " + partner.signingFile() + "; the hub encrypts for "
                + partner.encryptionFile());
        out.println("  legs:        agreement " + ImiLegs.AGREEMENT + ", service type " + ImiDocumentType.SERVICE_TYPE
                + ", one leg per IMI service and action (" + ImiLegs.FILE + "); eDelivery AS4 1.15 (RSA-SHA256,"
                + " RSA-OAEP, AES-128-GCM), payload compressed, signed receipts");
        out.println("  messages:    properties originalSender (your authority) and finalRecipient (the robot, or your"
                + " authority for an alert); send a step once the previous one is receipted");
    }
}
