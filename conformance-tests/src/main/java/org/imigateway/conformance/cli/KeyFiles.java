package org.imigateway.conformance.cli;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import org.imigateway.certificates.Stores;
import org.imigateway.conformance.wire.Identity;

/** Reads the keys and certificates a run is given, with errors that name the option and the file. */
final class KeyFiles {

    private KeyFiles() {
    }

    static Identity identity(String option, Path store, char[] password, String alias) {
        KeyStore keyStore;
        try {
            keyStore = Stores.read(store, password);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": cannot read PKCS12 store " + store + ": " + e.getMessage(), e);
        }
        try {
            if (!keyStore.isKeyEntry(alias)) {
                throw new IllegalArgumentException(option + ": " + store + " has no private key under alias '" + alias
                        + "' (aliases: " + String.join(", ", java.util.Collections.list(keyStore.aliases())) + ")");
            }
            PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
            Certificate[] chain = keyStore.getCertificateChain(alias);
            return Identity.of(key, Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException(option + ": cannot read key '" + alias + "' of " + store + ": "
                    + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(String option, Path pem) {
        try {
            List<X509Certificate> certificates = Stores.readCertificates(pem);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(option + ": " + pem + " holds no certificate");
            }
            return certificates;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + ": cannot read PEM certificates from " + pem + ": " + e.getMessage(), e);
        }
    }
}
