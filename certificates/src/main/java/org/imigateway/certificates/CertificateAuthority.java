package org.imigateway.certificates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A test and development certificate authority: one RSA key that issues the signing, encryption
 * and TLS certificates of the access points, and keeps the list of those it has revoked.
 *
 * <p>Saved as a PKCS12 file (alias {@value #ALIAS}); its revocation list is saved beside it as a
 * PEM CRL ({@link #crlFileBeside}) and restored from there by {@link #load}.
 */
public final class CertificateAuthority {

    public static final String ALIAS = "ca";

    static final Duration LIFETIME = Duration.ofDays(10 * 365);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final RevocationList revocations;

    private CertificateAuthority(PrivateKey privateKey, X509Certificate certificate, RevocationList revocations) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.revocations = revocations;
    }

    /** A new CA valid from an hour ago for ten years. */
    public static CertificateAuthority create(String commonName) {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(CertificateRequest.CLOCK_SKEW_ALLOWANCE);
        return create(commonName, notBefore, notBefore.plus(LIFETIME));
    }

    public static CertificateAuthority create(String commonName, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank()) {
            throw new PkiException("A CA needs a non-blank common name");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new PkiException("CA '" + commonName + "' would end (" + notAfter + ") before it starts (" + notBefore + ")");
        }
        KeyPair keys = RsaKeys.generate();
        X509Certificate certificate = CertificateBuilder.selfSignedCa(keys, commonName, notBefore, notAfter);
        return new CertificateAuthority(keys.getPrivate(), certificate, RevocationList.empty());
    }

    /**
     * Reads a CA written by {@link #save}. If a CRL lies beside the PKCS12 file it must be signed by
     * this CA, and its revoked serials and CRL number carry on.
     */
    public static CertificateAuthority load(Path pkcs12, char[] password) {
        KeyStore store = Stores.read(pkcs12, password);
        PrivateKey key;
        Certificate certificate;
        try {
            Key entry = store.getKey(ALIAS, password);
            if (!(entry instanceof PrivateKey)) {
                throw new PkiException("PKCS12 file " + pkcs12 + " has no private key under alias '" + ALIAS + "'");
            }
            key = (PrivateKey) entry;
            certificate = store.getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read the CA key from " + pkcs12, e);
        }
        if (!(certificate instanceof X509Certificate)) {
            throw new PkiException("PKCS12 file " + pkcs12 + " has no X.509 certificate under alias '" + ALIAS + "'");
        }
        X509Certificate caCertificate = (X509Certificate) certificate;
        return new CertificateAuthority(key, caCertificate, restoreRevocations(crlFileBeside(pkcs12), caCertificate));
    }

    /** {@code dir/ca.p12} keeps its CRL in {@code dir/ca-crl.pem}. */
    public static Path crlFileBeside(Path pkcs12) {
        String name = pkcs12.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String base = lower.endsWith(".p12") || lower.endsWith(".pfx") ? name.substring(0, name.length() - 4) : name;
        return pkcs12.resolveSibling(base + "-crl.pem");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Issues a certificate for a fresh key pair of the request's algorithm. The CA signs it with
     * its RSA key, which is how an X25519 key, which cannot sign anything, gets a certificate.
     */
    public IssuedCertificate issue(CertificateRequest request) {
        KeyPair keys = request.keyAlgorithm().generate();
        X509Certificate issued = CertificateBuilder.endEntity(request, keys.getPublic(), certificate, privateKey);
        return new IssuedCertificate(keys.getPrivate(), issued, List.of(issued, certificate));
    }

    public IssuedCertificate issueSigning(String commonName) {
        return issue(CertificateRequest.of(commonName, CertificatePurpose.SIGNING));
    }

    public IssuedCertificate issueEncryption(String commonName) {
        return issue(CertificateRequest.of(commonName, CertificatePurpose.ENCRYPTION));
    }

    public IssuedCertificate issueSigning(String commonName, KeyAlgorithm algorithm) {
        return issue(CertificateRequest.of(commonName, CertificatePurpose.SIGNING).keyAlgorithm(algorithm));
    }

    public IssuedCertificate issueEncryption(String commonName, KeyAlgorithm algorithm) {
        return issue(CertificateRequest.of(commonName, CertificatePurpose.ENCRYPTION).keyAlgorithm(algorithm));
    }

    public IssuedCertificate issueTlsServer(String commonName, List<String> hostNames) {
        return issue(CertificateRequest.of(commonName, CertificatePurpose.TLS_SERVER).hostNames(hostNames));
    }

    public IssuedCertificate issueTlsClient(String commonName) {
        return issue(CertificateRequest.of(commonName, CertificatePurpose.TLS_CLIENT));
    }

    /** Lists the certificate in every CRL signed from now on. Only certificates this CA issued are accepted. */
    public void revoke(X509Certificate issued) {
        if (!issuedByThisCa(issued)) {
            throw new PkiException("Certificate " + issued.getSubjectX500Principal() + " (serial "
                    + issued.getSerialNumber().toString(16) + ") was not issued by CA "
                    + certificate.getSubjectX500Principal());
        }
        revocations.add(issued.getSerialNumber(), Instant.now());
    }

    /** A freshly signed CRL with the next CRL number, valid from a minute ago for seven days. */
    public X509CRL crl() {
        return revocations.sign(certificate, privateKey, Instant.now());
    }

    /** Writes the CA key and certificate, and the current CRL beside them. */
    public void save(Path pkcs12, char[] password) {
        IssuedCertificate entry = new IssuedCertificate(privateKey, certificate, List.of(certificate));
        Stores.write(Stores.keyStore(Map.of(ALIAS, entry), password), pkcs12, password);
        Stores.writePem(crlFileBeside(pkcs12), List.of(crl()));
    }

    private boolean issuedByThisCa(X509Certificate issued) {
        if (!issued.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return false;
        }
        try {
            issued.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static RevocationList restoreRevocations(Path crlFile, X509Certificate caCertificate) {
        if (!Files.exists(crlFile)) {
            return RevocationList.empty();
        }
        X509CRL crl = Stores.readCrl(crlFile);
        try {
            crl.verify(caCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException("CRL file " + crlFile + " is not signed by CA "
                    + caCertificate.getSubjectX500Principal(), e);
        }
        return RevocationList.continuing(crl);
    }
}
