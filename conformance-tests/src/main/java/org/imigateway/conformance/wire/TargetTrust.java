package org.imigateway.conformance.wire;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import org.apache.wss4j.common.crypto.Merlin;

/**
 * The WSS4J crypto that verifies what the target signs: its signing certificate, trusted
 * directly and through the anchors the integrator gave. Never the JDK's cacerts.
 */
final class TargetTrust {

    private TargetTrust() {
    }

    static Merlin verification(X509Certificate targetSigning, List<X509Certificate> anchors) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("target", targetSigning);
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            Merlin verification = new Merlin();
            verification.setKeyStore(trust);
            verification.setTrustStore(trust);
            return verification;
        } catch (Exception e) {
            throw new IllegalStateException("cannot hold the target's certificate", e);
        }
    }
}
