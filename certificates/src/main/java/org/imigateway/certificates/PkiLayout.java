package org.imigateway.certificates;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a CA's files live in a PKI directory, and the writing of them. The public files
 * ({@code ca.pem}, {@code ca-crl.pem}, {@code truststore.p12}) go to every access point;
 * {@code ca.p12} holds the CA key and stays with whoever issues certificates.
 */
public final class PkiLayout {

    public static final String CA_CERTIFICATE_FILE = "ca.pem";
    public static final String CRL_FILE = "ca-crl.pem";
    public static final String TRUST_STORE_FILE = "truststore.p12";
    public static final String CA_KEY_STORE_FILE = "ca.p12";
    public static final String TRUST_STORE_ALIAS = "ca";

    private PkiLayout() {
    }

    /** Writes ca.p12 (with ca-crl.pem beside it), ca.pem and truststore.p12 into {@code dir}. */
    public static void writeCa(CertificateAuthority ca, Path dir, char[] password) {
        ca.save(caKeyStore(dir), password);
        Stores.writePem(caCertificate(dir), List.of(ca.certificate()));
        Stores.write(Stores.trustStore(Map.of(TRUST_STORE_ALIAS, ca.certificate())), trustStore(dir), password);
    }

    public static List<Path> files(Path dir) {
        return List.of(caCertificate(dir), crl(dir), trustStore(dir), caKeyStore(dir));
    }

    public static Path caCertificate(Path dir) {
        return dir.resolve(CA_CERTIFICATE_FILE);
    }

    /** The same file {@link CertificateAuthority#crlFileBeside} names for {@link #caKeyStore}. */
    public static Path crl(Path dir) {
        return dir.resolve(CRL_FILE);
    }

    public static Path trustStore(Path dir) {
        return dir.resolve(TRUST_STORE_FILE);
    }

    public static Path caKeyStore(Path dir) {
        return dir.resolve(CA_KEY_STORE_FILE);
    }
}
