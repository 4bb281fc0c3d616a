package org.imigateway.conformance.wire;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * POSTs composed messages to the target over HTTP or HTTPS (TLS 1.2 or 1.3 only, trusting only
 * the anchors the integrator gives, never the JDK's cacerts).
 */
public final class Transport {

    private final URI target;
    private final HttpClient http;

    public Transport(URI target, List<X509Certificate> tlsAnchors, Duration timeout) {
        this.target = target;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if ("https".equalsIgnoreCase(target.getScheme())) {
            builder.sslContext(tlsContext(tlsAnchors));
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            builder.sslParameters(parameters);
        }
        this.http = builder.build();
    }

    public URI target() {
        return target;
    }

    public Answer post(Composed message) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body()));
        message.httpHeaders().forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().map(), response.body(), "");
        } catch (IOException e) {
            return Answer.failed("POST to " + target + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted while waiting for " + target);
        }
    }

    public static SSLContext tlsContext(List<X509Certificate> anchors) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
