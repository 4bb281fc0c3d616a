package org.imigateway.backend;

import java.io.InputStream;
import java.net.URI;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.imigateway.as4.TlsSettings;
import org.imigateway.config.ConfigException;
import org.imigateway.connectors.ws.BasicCredentials;
import org.imigateway.connectors.ws.WebServicePushConnector;

/**
 * Push mode of a web service backend: where the gateway calls the backend's own service.
 * <pre>
 *   backend.&lt;name&gt;.pushUrl=https://backend.example/imi   absent: pull mode only
 *   backend.&lt;name&gt;.pushUser=..., .pushPassword=...       HTTP basic credentials the gateway shows
 *   backend.&lt;name&gt;.pushTrustStore=config/backend-trust.p12, .pushTrustStorePassword=...
 *                                         PKCS12 anchors for the backend's TLS certificate
 *                                         (default: the gateway's own trust store)
 *   backend.&lt;name&gt;.pushConnectMillis=5000, .pushReceiveMillis=60000   time-outs of one call
 * </pre>
 * Over https the gateway shows its TLS client key (alias tls-client, extended key usage clientAuth)
 * when the backend asks for a client certificate; the server key's serverAuth certificate would be
 * refused by a standard TLS server. Plain http is refused unless the host is loopback.
 */
final class PushSettings {

    private PushSettings() {
    }

    static Optional<WebServicePushConnector.Target> target(BackendSettings backend, TlsSettings clientTls)
            throws ConfigException {
        String key = BackendSettings.PREFIX + backend.name() + ".";
        Optional<String> url = backend.setting("pushUrl");
        if (url.isEmpty()) {
            for (String other : new String[] {"pushUser", "pushPassword", "pushTrustStore"}) {
                if (backend.setting(other).isPresent()) {
                    throw new ConfigException(key + other + " is set but " + key
                            + "pushUrl is not: push mode needs the backend's service address");
                }
            }
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key + "pushUrl=" + url.get() + " is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new ConfigException(key + "pushUrl=" + url.get() + " is not an http(s) URL with a host");
        }
        if (scheme.equals("http") && !loopback(uri.getHost())) {
            throw new ConfigException(key + "pushUrl=" + url.get() + ": plain http is allowed only to a loopback"
                    + " host; the messages and the password would travel in clear");
        }
        Optional<BasicCredentials> credentials = WebServiceSettings.credentials(backend, "pushUser", "pushPassword");
        Optional<SSLContext> tls = scheme.equals("https") ? Optional.of(tls(backend, key, clientTls)) : Optional.empty();
        return Optional.of(new WebServicePushConnector.Target(url.get(), credentials, tls,
                millis(backend, key, "pushConnectMillis", 5_000), millis(backend, key, "pushReceiveMillis", 60_000)));
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static long millis(BackendSettings backend, String key, String name, long fallback) throws ConfigException {
        String value = backend.setting(name).orElse(Long.toString(fallback));
        try {
            long millis = Long.parseLong(value);
            if (millis < 1) {
                throw new NumberFormatException();
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + name + "=" + value + " is not a number of milliseconds >= 1");
        }
    }

    /** The gateway's TLS client key for a client certificate; the anchors of pushTrustStore, else the gateway's own. */
    private static SSLContext tls(BackendSettings backend, String key, TlsSettings clientTls) throws ConfigException {
        Optional<String> store = backend.setting("pushTrustStore");
        if (store.isEmpty()) {
            return clientTls.sslContext();
        }
        Path file = backend.home().resolve(store.get());
        String password = backend.setting("pushTrustStorePassword").orElseThrow(() -> new ConfigException(key
                + "pushTrustStorePassword is required with " + key + "pushTrustStore=" + store.get()));
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                anchors.load(in, password.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            KeyManagerFactory keys = null;
            if (clientTls.key().isPresent()) {
                char[] secret = "in-memory".toCharArray();
                KeyStore own = KeyStore.getInstance("PKCS12");
                own.load(null, null);
                own.setKeyEntry("tls", clientTls.key().get(), secret,
                        clientTls.chain().toArray(java.security.cert.X509Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, secret);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new ConfigException(key + "pushTrustStore=" + store.get() + " cannot be read as a PKCS12 trust store"
                    + " (" + file + "): " + e.getMessage());
        }
    }
}
