package org.imigateway.pmode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;

import org.imigateway.xml.SecureXml;
import org.imigateway.certificates.Stores;
import org.imigateway.schemas.SchemaResources;
import org.imigateway.schemas.pmode.Pmodes;
import org.xml.sax.SAXException;

/**
 * Loads every {@code *.xml} file of a PMode folder, validates each against pmode.xsd and then
 * checks what a schema cannot: certificate files exist and parse, initiators name known
 * parties, retry specifications parse, no two legs claim the same Service/Action/agreement.
 * All problems are collected, each naming file, line and field, so an operator fixes them in
 * one pass.
 */
public final class PModeLoader {

    private static final JAXBContext CONTEXT;
    private static final Schema SCHEMA;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(org.imigateway.schemas.pmode.ObjectFactory.class);
            SCHEMA = SecureXml.schema(SchemaResources.class.getResource(SchemaResources.PMODE));
        } catch (JAXBException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public PModeSet load(Path folderOrFile) throws PModeException {
        List<Path> files;
        try {
            files = Files.isDirectory(folderOrFile) ? xmlFiles(folderOrFile) : List.of(folderOrFile);
        } catch (IOException e) {
            throw new PModeException(List.of(folderOrFile + ": cannot be read: " + e.getMessage()));
        }
        if (files.isEmpty()) {
            throw new PModeException(List.of(folderOrFile + ": holds no PMode (*.xml) file"));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Party> parties = new LinkedHashMap<>();
        List<Leg> legs = new ArrayList<>();
        Map<String, Path> legFiles = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (Path file : files) {
            Optional<Pmodes> parsed = parse(file, problems);
            if (parsed.isEmpty()) {
                continue;
            }
            for (org.imigateway.schemas.pmode.Party xml : parsed.get().getParties()) {
                if (parties.containsKey(xml.getName())) {
                    problems.add(file + ": party '" + xml.getName() + "' is defined twice");
                    continue;
                }
                party(file, xml, problems).ifPresent(p -> parties.put(p.name(), p));
            }
            for (org.imigateway.schemas.pmode.Leg xml : parsed.get().getLegs()) {
                pending.add(new Pending(file, xml));
            }
        }
        Set<String> keys = new HashSet<>();
        for (Pending p : pending) {
            leg(p.file(), p.xml(), parties.keySet(), problems).ifPresent(leg -> {
                if (legFiles.containsKey(leg.id())) {
                    problems.add(p.file() + ": leg id '" + leg.id() + "' is also used in " + legFiles.get(leg.id()));
                    return;
                }
                String key = leg.service() + "|" + leg.action() + "|" + leg.agreement().orElse("");
                if (!keys.add(key)) {
                    problems.add(p.file() + ": leg '" + leg.id() + "': another leg already has service '" + leg.service()
                            + "', action '" + leg.action() + "' and the same agreement");
                    return;
                }
                legFiles.put(leg.id(), p.file());
                legs.add(leg);
            });
        }
        if (!problems.isEmpty()) {
            throw new PModeException(problems);
        }
        return new PModeSet(parties.values(), legs);
    }

    private record Pending(Path file, org.imigateway.schemas.pmode.Leg xml) {
    }

    private static List<Path> xmlFiles(Path folder) throws IOException {
        try (Stream<Path> stream = Files.list(folder)) {
            return stream.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static Optional<Pmodes> parse(Path file, List<String> problems) {
        List<String> fileProblems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Unmarshaller unmarshaller = CONTEXT.createUnmarshaller();
            unmarshaller.setSchema(SCHEMA);
            unmarshaller.setEventHandler(event -> {
                fileProblems.add(describe(file, event));
                return true;
            });
            XMLStreamReader reader = secureStax().createXMLStreamReader(in);
            Object value = unmarshaller.unmarshal(reader);
            problems.addAll(fileProblems);
            if (!fileProblems.isEmpty()) {
                return Optional.empty();
            }
            if (value instanceof jakarta.xml.bind.JAXBElement<?> element) {
                value = element.getValue();
            }
            return Optional.of((Pmodes) value);
        } catch (IOException | JAXBException | XMLStreamException | ClassCastException e) {
            problems.addAll(fileProblems);
            if (fileProblems.isEmpty()) {
                problems.add(file + ": " + rootMessage(e));
            }
            return Optional.empty();
        }
    }

    /** A StAX factory with DTDs and external entities off, as everywhere else. */
    private static XMLInputFactory secureStax() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    private static String describe(Path file, ValidationEvent event) {
        ValidationEventLocator at = event.getLocator();
        String where = at == null ? "" : ":" + at.getLineNumber() + ":" + at.getColumnNumber();
        return file + where + ": " + event.getMessage();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        if (e instanceof JAXBException j && j.getLinkedException() != null) {
            t = j.getLinkedException();
        }
        return String.valueOf(t.getMessage());
    }

    private static Optional<Party> party(Path file, org.imigateway.schemas.pmode.Party xml, List<String> problems) {
        String where = file + ": party '" + xml.getName() + "'";
        Optional<URI> endpoint = Optional.empty();
        if (xml.getEndpoint() != null) {
            try {
                URI uri = new URI(xml.getEndpoint().trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    problems.add(where + ": endpoint '" + xml.getEndpoint() + "' must be an http or https URL");
                } else {
                    endpoint = Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                problems.add(where + ": endpoint '" + xml.getEndpoint() + "' is not a URL: " + e.getMessage());
            }
        }
        Optional<X509Certificate> signing = certificate(file, where + ": signingCertificate", xml.getSigningCertificate(), problems);
        Optional<X509Certificate> encryption = certificate(file, where + ": encryptionCertificate",
                xml.getEncryptionCertificate(), problems);
        Map<SecurityProfile, ProfileCertificates> profiles = new java.util.EnumMap<>(SecurityProfile.class);
        boolean complete = signing.isPresent() && encryption.isPresent();
        for (org.imigateway.schemas.pmode.ProfileCertificates pair : xml.getProfileCertificates()) {
            SecurityProfile profile = SecurityProfile.byId(pair.getProfile().value()).orElseThrow();
            String at = where + ": profileCertificates '" + profile.id() + "'";
            if (profile == SecurityProfile.EDELIVERY_1_15 || profiles.containsKey(profile)) {
                problems.add(at + ": this profile already has its certificates"
                        + (profile == SecurityProfile.EDELIVERY_1_15 ? " (signingCertificate, encryptionCertificate)" : ""));
                complete = false;
                continue;
            }
            Optional<ProfileCertificates> certificates = pair(file, at, pair, problems);
            certificates.ifPresent(c -> profiles.put(profile, c));
            complete &= certificates.isPresent();
        }
        Map<SecurityProfile, List<ProfileCertificates>> next = new java.util.EnumMap<>(SecurityProfile.class);
        for (org.imigateway.schemas.pmode.ProfileCertificates pair : xml.getNextCertificates()) {
            SecurityProfile profile = SecurityProfile.byId(pair.getProfile().value()).orElseThrow();
            String at = where + ": nextCertificates '" + profile.id() + "'";
            if (profile != SecurityProfile.EDELIVERY_1_15 && !profiles.containsKey(profile)) {
                problems.add(at + ": a rotation needs the profile's first pair (profileCertificates) beside it");
                complete = false;
                continue;
            }
            Optional<ProfileCertificates> certificates = pair(file, at, pair, problems);
            certificates.ifPresent(c -> next.computeIfAbsent(profile, p -> new ArrayList<>()).add(c));
            complete &= certificates.isPresent();
        }
        if (!complete) {
            return Optional.empty();
        }
        String type = xml.getPartyId().getType() == null ? "" : xml.getPartyId().getType();
        return Optional.of(new Party(xml.getName(), new PartyId(xml.getPartyId().getValue().trim(), type), endpoint,
                signing.get(), encryption.get(), profiles, next));
    }

    /** Both certificates of a pair, or empty with each problem listed. */
    private static Optional<ProfileCertificates> pair(Path file, String at,
            org.imigateway.schemas.pmode.ProfileCertificates xml, List<String> problems) {
        Optional<X509Certificate> signing = certificate(file, at + ": signingCertificate", xml.getSigningCertificate(),
                problems);
        Optional<X509Certificate> encryption = certificate(file, at + ": encryptionCertificate",
                xml.getEncryptionCertificate(), problems);
        return signing.isPresent() && encryption.isPresent()
                ? Optional.of(new ProfileCertificates(signing.get(), encryption.get())) : Optional.empty();
    }

    private static Optional<X509Certificate> certificate(Path file, String what, String relative, List<String> problems) {
        Path pem = resolve(file, relative);
        if (!Files.isRegularFile(pem)) {
            problems.add(what + ": file " + pem + " does not exist");
            return Optional.empty();
        }
        try {
            return Optional.of(Stores.readCertificate(pem));
        } catch (RuntimeException e) {
            problems.add(what + ": " + pem + " is not a PEM certificate: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Path resolve(Path pmodeFile, String relative) {
        Path path = Path.of(relative.trim());
        Path base = pmodeFile.toAbsolutePath().getParent();
        return path.isAbsolute() ? path : base.resolve(path).normalize();
    }

    private static Optional<Leg> leg(Path file, org.imigateway.schemas.pmode.Leg xml, Set<String> partyNames,
            List<String> problems) {
        String where = file + ": leg '" + xml.getId() + "'";
        int before = problems.size();
        for (String initiator : xml.getInitiators()) {
            if (!partyNames.contains(initiator)) {
                problems.add(where + ": initiator '" + initiator + "' is not a party of these PModes");
            }
        }
        String profileId = xml.getSecurity().getProfile().value();
        SecurityProfile profile = SecurityProfile.byId(profileId).orElseThrow();
        Optional<RetryPolicy> retry = Optional.empty();
        boolean duplicateDetection = true;
        if (xml.getReceptionAwareness() != null) {
            duplicateDetection = xml.getReceptionAwareness().isDuplicateDetection();
            try {
                retry = Optional.of(RetryPolicy.parse(xml.getReceptionAwareness().getRetry()));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": receptionAwareness: " + e.getMessage());
            }
        }
        Optional<Path> schema = Optional.ofNullable(xml.getPayloadSchema()).map(s -> resolve(file, s));
        if (schema.isPresent() && !Files.isRegularFile(schema.get())) {
            problems.add(where + ": payloadSchema: file " + schema.get() + " does not exist");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        var agreement = Optional.ofNullable(xml.getAgreement());
        return Optional.of(new Leg(xml.getId(), xml.getService().getValue().trim(),
                Optional.ofNullable(xml.getService().getType()), xml.getAction().trim(),
                agreement.map(a -> a.getValue().trim()), agreement.map(a -> a.getType()),
                Set.copyOf(xml.getInitiators()), profile, xml.getSecurity().isSign(), xml.getSecurity().isEncrypt(),
                xml.isCompression() == null || xml.isCompression(), retry, duplicateDetection,
                Optional.ofNullable(xml.getMaxPayloadSize()).map(java.math.BigInteger::longValueExact), schema,
                xml.isDynamic()));
    }
}
