package org.imigateway.conformance.wire;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.UUID;

import javax.security.auth.callback.CallbackHandler;

import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * A private key with its certificate chain, as the WSS4J crypto that signs or decrypts with it.
 * The store lives in memory only, under the alias {@value #ALIAS}.
 */
public record Identity(X509Certificate certificate, Merlin crypto, char[] password) {

    public static final String ALIAS = "key";

    public static Identity of(PrivateKey key, X509Certificate[] chain) {
        try {
            char[] password = UUID.randomUUID().toString().toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain);
            Merlin crypto = new Merlin();
            crypto.setKeyStore(store);
            return new Identity(chain[0], crypto, password);
        } catch (Exception e) {
            throw new IllegalStateException("cannot hold the key of " + chain[0].getSubjectX500Principal(), e);
        }
    }

    public CallbackHandler passwords() {
        return callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc) {
                    pc.setPassword(new String(password));
                }
            }
        };
    }
}
