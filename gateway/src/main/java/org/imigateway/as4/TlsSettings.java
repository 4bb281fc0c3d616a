package org.imigateway.as4;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for AS4 over HTTPS: our key and chain, the anchors a peer's TLS certificate must chain
 * to, and the protocol versions and cipher suites allowed. TLS 1.2 is the minimum (eDelivery
 * AS4); SSL and TLS 1.0/1.1 are never enabled whatever the configuration says.
 */
public record TlsSettings(Optional<PrivateKey> key, List<X509Certificate> chain, List<X509Certificate> trustAnchors,
        List<String> protocols, List<String> cipherSuites) {

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsSettings {
        chain = List.copyOf(chain);
        trustAnchors = List.copyOf(trustAnchors);
        protocols = protocols.isEmpty() ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        for (String protocol : protocols) {
            if (!protocol.equals("TLSv1.2") && !protocol.equals("TLSv1.3")) {
                throw new IllegalArgumentException("TLS protocol '" + protocol + "' is refused: only TLSv1.2 and TLSv1.3");
            }
        }
    }

    public SSLContext sslContext() {
        try {
            char[] password = "in-memory".toCharArray();
            KeyManagerFactory kmf = null;
            if (key.isPresent()) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("tls", key.get(), password, chain.toArray(X509Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
            }
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (X509Certificate anchor : trustAnchors) {
                anchors.setCertificateEntry("anchor-" + i++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Jetty's server side of these settings: our key, the anchors for client certificates, protocols and suites. */
    public org.eclipse.jetty.util.ssl.SslContextFactory.Server jettyServer() {
        org.eclipse.jetty.util.ssl.SslContextFactory.Server factory = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
        factory.setSslContext(sslContext());
        factory.setIncludeProtocols(protocols.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) {
            factory.setIncludeCipherSuites(cipherSuites.toArray(String[]::new));
        }
        return factory;
    }

    public SSLParameters parameters() {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) {
            parameters.setCipherSuites(cipherSuites.toArray(String[]::new));
        }
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
