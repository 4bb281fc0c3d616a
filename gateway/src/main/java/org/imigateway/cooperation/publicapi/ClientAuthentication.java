package org.imigateway.cooperation.publicapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * Who is calling: the client whose API key hash matches the {@code X-Api-Key} presented, or
 * whose certificate is the TLS client certificate (already verified against the trust store by
 * the TLS handshake). Keys are kept only as SHA-256 hashes and compared in constant time
 * against every client, so neither the configuration nor the timing gives a key away.
 */
public final class ClientAuthentication {

    private final List<PublicClient> clients;

    public ClientAuthentication(List<PublicClient> clients) {
        this.clients = List.copyOf(clients);
    }

    public Optional<PublicClient> byApiKey(String presented) {
        byte[] hash = sha256(presented.getBytes(StandardCharsets.UTF_8));
        PublicClient found = null;
        for (PublicClient client : clients) {
            // every client is compared, so the time taken does not tell which one matched
            if (client.apiKeySha256().isPresent() && MessageDigest.isEqual(client.apiKeySha256().get(), hash)) {
                found = client;
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<PublicClient> byCertificate(X509Certificate certificate) {
        byte[] fingerprint;
        try {
            fingerprint = sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return Optional.empty();
        }
        X500Principal subject = certificate.getSubjectX500Principal();
        for (PublicClient client : clients) {
            if (client.certificateSha256().map(f -> MessageDigest.isEqual(f, fingerprint)).orElse(false)
                    || client.certificateSubject().map(s -> new X500Principal(s).equals(subject)).orElse(false)) {
                return Optional.of(client);
            }
        }
        return Optional.empty();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
