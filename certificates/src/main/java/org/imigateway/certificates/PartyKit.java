package org.imigateway.certificates;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything one access point needs from the CA: a certificate for each {@link CertificatePurpose},
 * all with common name = party name, so a partner's certificate names the party it belongs to.
 * Besides the RSA signing and encryption keys of eDelivery AS4 1.15 it holds the keys of the
 * AS4 2.0 profiles, each pair under its own aliases ({@link #PROFILE_ALIASES}).
 */
public final class PartyKit {

    public static final String SIGNING_ALIAS = "signing";
    public static final String ENCRYPTION_ALIAS = "encryption";
    public static final String TLS_SERVER_ALIAS = "tls-server";
    public static final String TLS_CLIENT_ALIAS = "tls-client";
    /** AS4 2.0 common profile: Ed25519 signatures, X25519 key agreement. */
    public static final String SIGNING_EDDSA_ALIAS = "signing-eddsa";
    public static final String ENCRYPTION_X25519_ALIAS = "encryption-x25519";
    /** AS4 2.0 alternative profile: ECDSA P-256 signatures, ECDH-ES key agreement on P-256. */
    public static final String SIGNING_ECDSA_ALIAS = "signing-ecdsa";
    public static final String ENCRYPTION_ECDH_ALIAS = "encryption-ecdh";

    /** The AS4 2.0 aliases and the key each one holds, in the order they are issued. */
    public static final Map<String, KeyAlgorithm> PROFILE_ALIASES = profileAliases();

    /** The party name becomes part of file names, so it must not climb out of the directory. */
    private static final Pattern FILE_SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String partyName;
    private final IssuedCertificate signing;
    private final IssuedCertificate encryption;
    private final IssuedCertificate tlsServer;
    private final IssuedCertificate tlsClient;
    private final Map<String, IssuedCertificate> profileKeys;

    private PartyKit(String partyName, IssuedCertificate signing, IssuedCertificate encryption,
            IssuedCertificate tlsServer, IssuedCertificate tlsClient, Map<String, IssuedCertificate> profileKeys) {
        this.partyName = partyName;
        this.signing = signing;
        this.encryption = encryption;
        this.tlsServer = tlsServer;
        this.tlsClient = tlsClient;
        this.profileKeys = Map.copyOf(profileKeys);
    }

    private static Map<String, KeyAlgorithm> profileAliases() {
        Map<String, KeyAlgorithm> aliases = new LinkedHashMap<>();
        aliases.put(SIGNING_EDDSA_ALIAS, KeyAlgorithm.ED25519);
        aliases.put(ENCRYPTION_X25519_ALIAS, KeyAlgorithm.X25519);
        aliases.put(SIGNING_ECDSA_ALIAS, KeyAlgorithm.EC_P256);
        aliases.put(ENCRYPTION_ECDH_ALIAS, KeyAlgorithm.EC_P256);
        return java.util.Collections.unmodifiableMap(aliases);
    }

    /** Issues four certificates with fresh keys; the TLS server certificate names {@code tlsHostNames}. */
    public static PartyKit issue(CertificateAuthority ca, String partyName, List<String> tlsHostNames) {
        requireFileSafe(partyName);
        Map<String, IssuedCertificate> profileKeys = new LinkedHashMap<>();
        PROFILE_ALIASES.forEach((alias, algorithm) -> profileKeys.put(alias, alias.startsWith(SIGNING_ALIAS)
                ? ca.issueSigning(partyName, algorithm)
                : ca.issueEncryption(partyName, algorithm)));
        return new PartyKit(partyName,
                ca.issueSigning(partyName),
                ca.issueEncryption(partyName),
                ca.issueTlsServer(partyName, tlsHostNames),
                ca.issueTlsClient(partyName),
                profileKeys);
    }

    /**
     * As {@link #issue(CertificateAuthority, String, List)}, every certificate valid from
     * {@code notBefore} to {@code notAfter}: a kit that has expired, or is not yet valid, for
     * testing that a receiver refuses it.
     */
    public static PartyKit issue(CertificateAuthority ca, String partyName, List<String> tlsHostNames,
            java.time.Instant notBefore, java.time.Instant notAfter) {
        requireFileSafe(partyName);
        java.util.function.Function<CertificatePurpose, CertificateRequest> request =
                purpose -> CertificateRequest.of(partyName, purpose).validity(notBefore, notAfter);
        Map<String, IssuedCertificate> profileKeys = new LinkedHashMap<>();
        PROFILE_ALIASES.forEach((alias, algorithm) -> profileKeys.put(alias, ca.issue(request.apply(
                alias.startsWith(SIGNING_ALIAS) ? CertificatePurpose.SIGNING : CertificatePurpose.ENCRYPTION)
                .keyAlgorithm(algorithm))));
        return new PartyKit(partyName,
                ca.issue(request.apply(CertificatePurpose.SIGNING)),
                ca.issue(request.apply(CertificatePurpose.ENCRYPTION)),
                ca.issue(request.apply(CertificatePurpose.TLS_SERVER).hostNames(tlsHostNames)),
                ca.issue(request.apply(CertificatePurpose.TLS_CLIENT)),
                profileKeys);
    }

    /** Reads back the key store that {@link #writeTo} wrote for this party. */
    public static PartyKit read(Path dir, String partyName, char[] password) {
        requireFileSafe(partyName);
        Path file = keyStoreFile(dir, partyName);
        KeyStore store = Stores.read(file, password);
        // Stores written before AS4 2.0 lack the profile keys; they still serve AS4 1.15.
        Map<String, IssuedCertificate> profileKeys = new LinkedHashMap<>();
        for (String alias : PROFILE_ALIASES.keySet()) {
            if (contains(store, alias)) {
                profileKeys.put(alias, entry(store, alias, file, password));
            }
        }
        return new PartyKit(partyName,
                entry(store, SIGNING_ALIAS, file, password),
                entry(store, ENCRYPTION_ALIAS, file, password),
                entry(store, TLS_SERVER_ALIAS, file, password),
                entry(store, TLS_CLIENT_ALIAS, file, password),
                profileKeys);
    }

    public String partyName() {
        return partyName;
    }

    public IssuedCertificate signing() {
        return signing;
    }

    public IssuedCertificate encryption() {
        return encryption;
    }

    public IssuedCertificate tlsServer() {
        return tlsServer;
    }

    public IssuedCertificate tlsClient() {
        return tlsClient;
    }

    /** The key under one of {@link #PROFILE_ALIASES}, if this kit has it. */
    public java.util.Optional<IssuedCertificate> profileKey(String alias) {
        return java.util.Optional.ofNullable(profileKeys.get(alias));
    }

    /**
     * All keys under the aliases {@code signing}, {@code encryption}, {@code tls-server},
     * {@code tls-client} and the AS4 2.0 aliases of {@link #PROFILE_ALIASES}.
     */
    public KeyStore keyStore(char[] password) {
        Map<String, IssuedCertificate> entries = new LinkedHashMap<>();
        entries.put(SIGNING_ALIAS, signing);
        entries.put(ENCRYPTION_ALIAS, encryption);
        entries.put(TLS_SERVER_ALIAS, tlsServer);
        entries.put(TLS_CLIENT_ALIAS, tlsClient);
        entries.putAll(profileKeys);
        return Stores.keyStore(entries, password);
    }

    /**
     * Writes the key store and, for handing to partners, the certificates without keys: signing,
     * encryption, and one TLS file holding the server then the client certificate.
     */
    public void writeTo(Path dir, char[] password) {
        Stores.write(keyStore(password), keyStoreFile(dir, partyName), password);
        Stores.writePem(signingCertificateFile(dir, partyName), List.of(signing.certificate()));
        Stores.writePem(encryptionCertificateFile(dir, partyName), List.of(encryption.certificate()));
        Stores.writePem(tlsCertificateFile(dir, partyName), List.of(tlsServer.certificate(), tlsClient.certificate()));
        profileKeys.forEach((alias, key) -> Stores.writePem(certificateFile(dir, partyName, alias), List.of(key.certificate())));
    }

    public List<Path> files(Path dir) {
        List<Path> files = new java.util.ArrayList<>(List.of(keyStoreFile(dir, partyName),
                signingCertificateFile(dir, partyName), encryptionCertificateFile(dir, partyName),
                tlsCertificateFile(dir, partyName)));
        PROFILE_ALIASES.keySet().stream().filter(profileKeys::containsKey)
                .forEach(alias -> files.add(certificateFile(dir, partyName, alias)));
        return files;
    }

    /** {@code <party>-<alias>.pem}, e.g. {@code gw-a-signing-eddsa.pem}. */
    public static Path certificateFile(Path dir, String partyName, String alias) {
        return dir.resolve(partyName + "-" + alias + ".pem");
    }

    public static Path keyStoreFile(Path dir, String partyName) {
        return dir.resolve(partyName + ".p12");
    }

    public static Path signingCertificateFile(Path dir, String partyName) {
        return dir.resolve(partyName + "-signing.pem");
    }

    public static Path encryptionCertificateFile(Path dir, String partyName) {
        return dir.resolve(partyName + "-encryption.pem");
    }

    public static Path tlsCertificateFile(Path dir, String partyName) {
        return dir.resolve(partyName + "-tls.pem");
    }

    private static void requireFileSafe(String partyName) {
        Objects.requireNonNull(partyName, "partyName");
        if (!FILE_SAFE_NAME.matcher(partyName).matches()) {
            throw new PkiException("Party name '" + partyName
                    + "' must be letters, digits, '.', '_' or '-' (it is used in file names)");
        }
    }

    private static boolean contains(KeyStore store, String alias) {
        try {
            return store.containsAlias(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static IssuedCertificate entry(KeyStore store, String alias, Path file, char[] password) {
        try {
            Key key = store.getKey(alias, password);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey) || chain == null) {
                throw new PkiException("PKCS12 file " + file + " has no key entry '" + alias + "'");
            }
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return new IssuedCertificate((PrivateKey) key, certificates.get(0), certificates);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new PkiException("Cannot read key entry '" + alias + "' from " + file, e);
        }
    }
}
