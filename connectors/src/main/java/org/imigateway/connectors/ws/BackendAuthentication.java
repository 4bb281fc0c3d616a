package org.imigateway.connectors.ws;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * How one backend proves who it is: HTTP basic user and password, a TLS client certificate with
 * a given subject, or either. The certificate's chain was already checked against the gateway's
 * trust anchors in the TLS handshake; here only its subject is compared.
 */
public record BackendAuthentication(Optional<BasicCredentials> basic, Optional<X500Principal> clientCertificate) {

    public BackendAuthentication {
        Objects.requireNonNull(basic, "basic");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        if (basic.isEmpty() && clientCertificate.isEmpty()) {
            throw new IllegalArgumentException("a backend needs a user and password or a client certificate subject");
        }
    }

    public static BackendAuthentication basic(BasicCredentials credentials) {
        return new BackendAuthentication(Optional.of(credentials), Optional.empty());
    }

    /** The authenticated caller, or empty when the request proves neither. */
    Optional<Principal> authenticate(Request request) {
        if (clientCertificate.isPresent()
                && request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls) {
            X509Certificate[] peer = tls.peerCertificates();
            if (peer != null && peer.length > 0 && peer[0].getSubjectX500Principal().equals(clientCertificate.get())) {
                return Optional.of(clientCertificate.get());
            }
        }
        if (basic.isPresent() && basic.get().matches(Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)))) {
            String user = basic.get().user();
            return Optional.of(() -> user);
        }
        return Optional.empty();
    }
}
