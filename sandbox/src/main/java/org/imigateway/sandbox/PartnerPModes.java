package org.imigateway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The hub's PMode party {@value SandboxDirectory#INTEGRATOR_ACCESS_POINT}: the sandbox's own
 * access point as written on the first run, or the integrator's endpoint ({@link Partner}). The
 * first run's PMode file is kept beside the home ({@value #ORIGINAL}, outside the PMode folder)
 * so that a run without a partner puts it back.
 */
final class PartnerPModes {

    static final String ORIGINAL = "sandbox-pmodes.xml";
    private static final String FILE = "config/pmodes/pmodes.xml";
    static final String SIGNING_PEM = "certs/" + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "-partner-signing.pem";
    static final String ENCRYPTION_PEM = "certs/" + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "-partner-encryption.pem";

    private PartnerPModes() {
    }

    /** Writes the hub's PMode file for this run; a running hub takes it on its next PMode reload. */
    static void apply(Path hubHome, Optional<Partner> partner) throws IOException {
        Path file = hubHome.resolve(FILE);
        Path original = hubHome.resolve(ORIGINAL);
        if (!Files.exists(original)) {
            Files.copy(file, original);
        }
        String xml = Files.readString(original, StandardCharsets.UTF_8);
        if (partner.isPresent()) {
            Path pmodes = file.getParent();
            Files.copy(partner.get().signingFile(), pmodes.resolve(SIGNING_PEM), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(partner.get().encryptionFile(), pmodes.resolve(ENCRYPTION_PEM), StandardCopyOption.REPLACE_EXISTING);
            xml = withPartner(xml, partner.get());
        }
        Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), xml, StandardCharsets.UTF_8);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The PMode file with the integrator's party block replaced by the partner's. */
    static String withPartner(String xml, Partner partner) {
        String open = "<party name=\"" + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "\">";
        int start = xml.indexOf(open);
        int end = start < 0 ? -1 : xml.indexOf("</party>", start);
        if (end < 0) {
            throw new IllegalStateException("the hub's PMode file has no party " + SandboxDirectory.INTEGRATOR_ACCESS_POINT);
        }
        String party = open + "\n"
                + "    <partyId>" + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "</partyId>\n"
                + "    <endpoint>" + partner.endpoint().toASCIIString().replace("&", "&amp;") + "</endpoint>\n"
                + "    <signingCertificate>" + SIGNING_PEM + "</signingCertificate>\n"
                + "    <encryptionCertificate>" + ENCRYPTION_PEM + "</encryptionCertificate>\n"
                + "  ";
        return xml.substring(0, start) + party + xml.substring(end);
    }
}
