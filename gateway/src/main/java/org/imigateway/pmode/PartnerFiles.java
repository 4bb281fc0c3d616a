package org.imigateway.pmode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.imigateway.certificates.Stores;

/**
 * The partners of a home that {@code imi-gateway partner} manages: each in a PMode file of its
 * own, {@code partner-<name>.xml}, beside the home's other PMode files, with its certificates in
 * {@code certs/}. The partner's certificates must chain to a trust anchor the home already has:
 * the gateway checks every signature's revocation against its CRL ({@code trust.crl}), one
 * issuer's, so a partner under another CA cannot be taken in by command yet. Every change is checked before anything is written (certificates against the
 * trust anchors, the whole PMode folder loaded with the change in place), and every file is
 * written beside its target and moved over it, so a gateway reading the folder meanwhile sees
 * the old state or the new one, never half a file.
 */
public final class PartnerFiles {

    private static final String PREFIX = "partner-";
    /**
     * Retries of a new partner leg: within one hour, after 1, 2, 4, 8, 16 minutes, so a partner
     * down for ten minutes still gets the message (the first number is the whole window).
     */
    static final String PARTNER_RETRY = "60;1;2;PROGRESSIVE";

    private final Path pmodes;
    private final Path trustStore;
    private final char[] trustPassword;
    private final String self;

    /**
     * A leg the partner may use: an existing one with the same service, action and agreement, or a
     * new one; {@code retry} is a new leg's reception awareness in the PMode notation, checked.
     */
    public record LegSpec(String service, Optional<String> serviceType, String action, String agreement,
            SecurityProfile profile, Optional<String> retry) {

        /** Reads {@code service=URN,action=NAME,agreement=URN[,serviceType=TYPE][,profile=ID][,retry=SPEC]}. */
        public static LegSpec parse(String text) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("--leg '" + text + "': '" + pair + "' is not key=value");
                }
                String key = pair.substring(0, eq).trim();
                if (!Set.of("service", "serviceType", "action", "agreement", "profile", "retry").contains(key)) {
                    throw new IllegalArgumentException("--leg '" + text + "': unknown key '" + key
                            + "' (service, serviceType, action, agreement, profile, retry)");
                }
                values.put(key, pair.substring(eq + 1).trim());
            }
            for (String required : List.of("service", "action", "agreement")) {
                if (values.getOrDefault(required, "").isEmpty()) {
                    throw new IllegalArgumentException("--leg '" + text + "': " + required + "= is missing");
                }
            }
            String profileId = values.getOrDefault("profile", SecurityProfile.EDELIVERY_1_15.id());
            SecurityProfile profile = SecurityProfile.byId(profileId).orElseThrow(() -> new IllegalArgumentException(
                    "--leg '" + text + "': profile '" + profileId + "' is not one of "
                            + java.util.Arrays.stream(SecurityProfile.values()).map(SecurityProfile::id).toList()));
            Optional<String> retry = Optional.ofNullable(values.get("retry"));
            try {
                retry.ifPresent(RetryPolicy::parse);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--leg '" + text + "': " + e.getMessage()
                        + " (retry=TIMEOUT;COUNT;CONSTANT or TIMEOUT;INITIAL;FACTOR;PROGRESSIVE, in minutes)");
            }
            return new LegSpec(values.get("service"), Optional.ofNullable(values.get("serviceType")),
                    values.get("action"), values.get("agreement"), profile, retry);
        }

        boolean matches(Leg leg) {
            return leg.service().equals(service) && leg.action().equals(action)
                    && leg.agreement().orElse("").equals(agreement);
        }
    }

    /** What {@code partner add} is given: the certificates as files, PEM or DER. */
    public record NewPartner(String name, String partyId, Optional<String> partyIdType, URI endpoint,
            Path signingCertificate, Optional<Path> encryptionCertificate,
            Map<SecurityProfile, List<Path>> profileCertificates, List<LegSpec> legs) {
    }

    public PartnerFiles(Path pmodes, Path trustStore, char[] trustPassword, String self) {
        this.pmodes = pmodes;
        this.trustStore = trustStore;
        this.trustPassword = trustPassword.clone();
        this.self = self;
    }

    /** The PMode file of one partner added by command. */
    public Path file(String name) {
        return pmodes.resolve(PREFIX + name + ".xml");
    }

    /**
     * Checks the partner and writes its PMode file and certificates.
     * Returns what it did, one line each.
     *
     * @throws IllegalArgumentException naming what fails; nothing is written then
     */
    public List<String> add(NewPartner partner) throws IOException {
        if (!partner.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("--name '" + partner.name()
                    + "' must be letters, digits, '.', '_' or '-' (at most 64, not starting with a sign)");
        }
        if (!"http".equals(partner.endpoint().getScheme()) && !"https".equals(partner.endpoint().getScheme())
                || partner.endpoint().getHost() == null) {
            throw new IllegalArgumentException("--endpoint '" + partner.endpoint() + "' must be an http or https URL");
        }
        PModeSet current = load(pmodes);
        if (current.party(partner.name()).isPresent()) {
            throw new IllegalArgumentException("party '" + partner.name() + "' is already in " + pmodes
                    + " (remove it first: imi-gateway partner remove)");
        }
        for (Party known : current.parties()) {
            if (known.partyId().value().equals(partner.partyId())) {
                throw new IllegalArgumentException("party id '" + partner.partyId() + "' is already party '"
                        + known.name() + "'");
            }
        }
        X509Certificate signing = PartnerCertificates.read(partner.signingCertificate(), "--signing-certificate");
        X509Certificate encryption = partner.encryptionCertificate().isPresent()
                ? PartnerCertificates.read(partner.encryptionCertificate().get(), "--encryption-certificate") : signing;
        Map<SecurityProfile, List<X509Certificate>> profiles = new java.util.EnumMap<>(SecurityProfile.class);
        for (var entry : partner.profileCertificates().entrySet()) {
            List<X509Certificate> pair = new ArrayList<>();
            for (Path file : entry.getValue()) {
                pair.add(PartnerCertificates.read(file, "--profile-certificates " + entry.getKey().id()));
            }
            profiles.put(entry.getKey(), pair.size() == 1 ? List.of(pair.get(0), pair.get(0)) : pair);
        }
        for (LegSpec leg : partner.legs()) {
            if (leg.profile() != SecurityProfile.EDELIVERY_1_15 && !profiles.containsKey(leg.profile())) {
                throw new IllegalArgumentException("--leg with profile " + leg.profile().id()
                        + " needs the partner's certificates of that profile: --profile-certificates "
                        + leg.profile().id() + "=SIGNING[:ENCRYPTION]");
            }
        }
        List<X509Certificate> anchors = PartnerCertificates.anchors(Stores.read(trustStore, trustPassword));
        PartnerCertificates.validate(signing, anchors, "--signing-certificate " + partner.signingCertificate());
        if (encryption != signing) {
            PartnerCertificates.validate(encryption, anchors,
                    "--encryption-certificate " + partner.encryptionCertificate().get());
        }
        for (var entry : profiles.entrySet()) {
            for (X509Certificate certificate : new LinkedHashSet<>(entry.getValue())) {
                PartnerCertificates.validate(certificate, anchors, "--profile-certificates " + entry.getKey().id() + " "
                        + certificate.getSubjectX500Principal().getName());
            }
        }

        List<String> done = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        Path certs = Files.createDirectories(pmodes.resolve("certs"));
        String name = partner.name();
        writeAtomically(certs.resolve(name + "-signing.pem"), tmp -> Stores.writePem(tmp, List.of(signing)), written);
        writeAtomically(certs.resolve(name + "-encryption.pem"), tmp -> Stores.writePem(tmp, List.of(encryption)), written);
        for (var entry : profiles.entrySet()) {
            String id = entry.getKey().id();
            writeAtomically(certs.resolve(name + "-" + id + "-signing.pem"),
                    tmp -> Stores.writePem(tmp, List.of(entry.getValue().get(0))), written);
            writeAtomically(certs.resolve(name + "-" + id + "-encryption.pem"),
                    tmp -> Stores.writePem(tmp, List.of(entry.getValue().get(1))), written);
        }
        done.add("certificates written to " + certs + " (" + name + "-*.pem)");
        Path file = file(name);
        writeAtomically(file, tmp -> writeString(tmp, xml(partner, current, profiles.keySet())), written);
        try {
            load(pmodes);
        } catch (IllegalArgumentException e) {
            for (Path path : written) {
                Files.deleteIfExists(path);
            }
            throw e;
        }
        done.add("PMode written: " + file);
        return done;
    }

    /**
     * Removes a partner added by command: its PMode file, then its certificate files.
     *
     * @throws IllegalArgumentException when it is this gateway, unknown, defined in another file,
     *         or still named by another file's leg
     */
    public List<String> remove(String name) throws IOException {
        if (name.equals(self)) {
            throw new IllegalArgumentException("party '" + name + "' is this gateway; it cannot be removed");
        }
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            boolean known = load(pmodes).party(name).isPresent();
            throw new IllegalArgumentException(known
                    ? "party '" + name + "' was not added by `partner add` (no " + file + "); remove it from the PMode"
                            + " file that defines it"
                    : "party '" + name + "' is not a party of " + pmodes);
        }
        Path aside = file.resolveSibling(file.getFileName() + ".removed");
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try {
            load(pmodes);
        } catch (IllegalArgumentException e) {
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
            throw new IllegalArgumentException("party '" + name + "' is still used elsewhere; nothing removed: "
                    + e.getMessage());
        }
        Files.delete(aside);
        try (var stream = Files.list(pmodes.resolve("certs"))) {
            for (Path cert : stream.filter(p -> p.getFileName().toString().startsWith(name + "-")).toList()) {
                Files.delete(cert);
            }
        }
        return List.of("PMode removed: " + file, "certificates removed: " + pmodes.resolve("certs") + "/" + name + "-*.pem");
    }

    /** Whether the party's PMode file was written by {@code partner add}. */
    public boolean addedByCommand(String name) {
        return Files.isRegularFile(file(name));
    }

    private String xml(NewPartner partner, PModeSet current, Set<SecurityProfile> profiles) {
        String name = partner.name();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Written by `imi-gateway partner add`; remove with `imi-gateway partner remove`, name ")
                .append(name).append("`. -->\n<pmodes xmlns=\"urn:imigateway:pmode:1\">\n")
                .append("  <party name=\"").append(escape(name)).append("\">\n")
                .append("    <partyId").append(partner.partyIdType().map(t -> " type=\"" + escape(t) + "\"").orElse(""))
                .append('>').append(escape(partner.partyId())).append("</partyId>\n")
                .append("    <endpoint>").append(escape(partner.endpoint().toString())).append("</endpoint>\n")
                .append("    <signingCertificate>certs/").append(name).append("-signing.pem</signingCertificate>\n")
                .append("    <encryptionCertificate>certs/").append(name).append("-encryption.pem</encryptionCertificate>\n");
        for (SecurityProfile profile : profiles) {
            xml.append("    <profileCertificates profile=\"").append(profile.id()).append("\">\n")
                    .append("      <signingCertificate>certs/").append(name).append('-').append(profile.id())
                    .append("-signing.pem</signingCertificate>\n")
                    .append("      <encryptionCertificate>certs/").append(name).append('-').append(profile.id())
                    .append("-encryption.pem</encryptionCertificate>\n")
                    .append("    </profileCertificates>\n");
        }
        xml.append("  </party>\n");
        int n = 0;
        for (LegSpec spec : partner.legs()) {
            Optional<Leg> existing = current.legs().stream().filter(spec::matches).findFirst();
            if (existing.isPresent()) {
                // The leg is there already: the partner may use it unless it names its initiators.
                if (!existing.get().initiators().isEmpty()) {
                    throw new IllegalArgumentException("leg '" + existing.get().id() + "' (service " + spec.service()
                            + ", action " + spec.action() + ") lists its initiators " + existing.get().initiators()
                            + "; add '" + name + "' there or choose another agreement");
                }
                if (existing.get().securityProfile() != spec.profile()) {
                    throw new IllegalArgumentException("leg '" + existing.get().id() + "' (service " + spec.service()
                            + ", action " + spec.action() + ") has security profile "
                            + existing.get().securityProfile().id() + ", not " + spec.profile().id());
                }
                if (spec.retry().isPresent()) {
                    // a shared leg's retries belong to every party on it: they change in its own PMode file
                    throw new IllegalArgumentException("leg '" + existing.get().id() + "' (service " + spec.service()
                            + ", action " + spec.action() + ") exists already, so retry=" + spec.retry().get()
                            + " cannot be set for it; leave retry out to share it, or choose another agreement or action");
                }
                continue;
            }
            xml.append("  <leg id=\"").append(escape(PREFIX + name + "-" + ++n)).append("\">\n")
                    .append("    <service").append(spec.serviceType().map(t -> " type=\"" + escape(t) + "\"").orElse(""))
                    .append('>').append(escape(spec.service())).append("</service>\n")
                    .append("    <action>").append(escape(spec.action())).append("</action>\n")
                    .append("    <agreement>").append(escape(spec.agreement())).append("</agreement>\n")
                    .append("    <initiator>").append(escape(self)).append("</initiator>\n")
                    .append("    <initiator>").append(escape(name)).append("</initiator>\n")
                    .append("    <security profile=\"").append(spec.profile().id()).append("\"/>\n")
                    .append("    <compression>true</compression>\n")
                    .append("    <receptionAwareness retry=\"").append(escape(spec.retry().orElse(PARTNER_RETRY)))
                    .append("\" duplicateDetection=\"true\"/>\n")
                    .append("  </leg>\n");
        }
        return xml.append("</pmodes>\n").toString();
    }

    private static PModeSet load(Path folder) {
        try {
            return new PModeLoader().load(folder);
        } catch (PModeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    /** Writes beside the target and moves it into place, so a reader never sees half a file. */
    private static void writeAtomically(Path target, Writer writer, List<Path> written) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            written.add(target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeString(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
