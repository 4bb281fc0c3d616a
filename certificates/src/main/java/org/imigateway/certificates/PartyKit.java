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
 */
public final class PartyKit {

    public static final String SIGNING_ALIAS = "signing";
    public static final String ENCRYPTION_ALIAS = "encryption";
    public static final String TLS_SERVER_ALIAS = "tls-server";
    public static final String TLS_CLIENT_ALIAS = "tls-client";

    /** The party name becomes part of file names, so it must not climb out of the directory. */
    private static final Pattern FILE_SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final String partyName;
    private final IssuedCertificate signing;
    private final IssuedCertificate encryption;
    private final IssuedCertificate tlsServer;
    private final IssuedCertificate tlsClient;

    private PartyKit(String partyName, IssuedCertificate signing, IssuedCertificate encryption,
            IssuedCertificate tlsServer, IssuedCertificate tlsClient) {
        this.partyName = partyName;
        this.signing = signing;
        this.encryption = encryption;
        this.tlsServer = tlsServer;
        this.tlsClient = tlsClient;
    }

    /** Issues four certificates with fresh keys; the TLS server certificate names {@code tlsHostNames}. */
    public static PartyKit issue(CertificateAuthority ca, String partyName, List<String> tlsHostNames) {
        requireFileSafe(partyName);
        return new PartyKit(partyName,
                ca.issueSigning(partyName),
                ca.issueEncryption(partyName),
                ca.issueTlsServer(partyName, tlsHostNames),
                ca.issueTlsClient(partyName));
    }

    /** Reads back the key store that {@link #writeTo} wrote for this party. */
    public static PartyKit read(Path dir, String partyName, char[] password) {
        requireFileSafe(partyName);
        Path file = keyStoreFile(dir, partyName);
        KeyStore store = Stores.read(file, password);
        return new PartyKit(partyName,
                entry(store, SIGNING_ALIAS, file, password),
                entry(store, ENCRYPTION_ALIAS, file, password),
                entry(store, TLS_SERVER_ALIAS, file, password),
                entry(store, TLS_CLIENT_ALIAS, file, password));
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

    /** All four keys under the aliases {@code signing}, {@code encryption}, {@code tls-server}, {@code tls-client}. */
    public KeyStore keyStore(char[] password) {
        Map<String, IssuedCertificate> entries = new LinkedHashMap<>();
        entries.put(SIGNING_ALIAS, signing);
        entries.put(ENCRYPTION_ALIAS, encryption);
        entries.put(TLS_SERVER_ALIAS, tlsServer);
        entries.put(TLS_CLIENT_ALIAS, tlsClient);
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
    }

    public List<Path> files(Path dir) {
        return List.of(keyStoreFile(dir, partyName), signingCertificateFile(dir, partyName),
                encryptionCertificateFile(dir, partyName), tlsCertificateFile(dir, partyName));
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
