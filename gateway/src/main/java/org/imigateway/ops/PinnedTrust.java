package org.imigateway.ops;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, the gateway's own TLS certificate, rather than anything
 * a CA signed (another party's TLS certificate from the same CA would pass a chain check). It
 * is an extended trust manager so that the JDK leaves the host name alone: the certificate
 * itself is pinned, which is stronger, and the nodes of a cluster behind one address share it.
 * A refusal says which certificate came instead.
 */
public final class PinnedTrust extends X509ExtendedTrustManager {

    private final byte[] pinned;
    private final String server;

    /** @param server what the server is, for the refusal ("the JMX server") */
    public PinnedTrust(X509Certificate gatewayCertificate, String server) {
        this(encoded(gatewayCertificate), server);
    }

    PinnedTrust(byte[] pinned, String server) {
        this.pinned = pinned.clone();
        this.server = server;
    }

    /** A TLS context (1.2 or 1.3, as the caller's parameters say) that trusts only the pinned certificate. */
    public SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {this}, new SecureRandom());
        return context;
    }

    /** SHA-256 of a certificate, as operators compare them ({@code openssl x509 -fingerprint -sha256}). */
    static String fingerprint(byte[] encoded) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the gateway's TLS certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException(server + " presented no certificate");
        }
        byte[] presented = chain[0].getEncoded();
        if (!MessageDigest.isEqual(pinned, presented)) {
            throw new CertificateException(server + " presented " + chain[0].getSubjectX500Principal() + " (SHA-256 "
                    + fingerprint(presented) + "), not the gateway's own TLS certificate (SHA-256 "
                    + fingerprint(pinned) + ")");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client of " + server + " does not accept clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
