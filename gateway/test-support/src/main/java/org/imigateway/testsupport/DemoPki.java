package org.imigateway.testsupport;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.PartyKit;
import org.imigateway.certificates.PkiLayout;
import org.imigateway.certificates.Stores;
import org.imigateway.testsupport.phase4.Phase4Keys;

/**
 * The PKI folder a demo or test network writes ({@code imi-gateway init} and {@code demo} lay it
 * out with {@link PkiLayout}): one CA, and per party a PKCS12 key store whose entries all share
 * the network's password. Gives a test peer the keys a party of the network holds.
 */
public final class DemoPki {

    /** The password {@code init} and {@code demo} give every store they write. */
    public static final String DEMO_PASSWORD = "changeit-demo";

    private final Path pki;
    private final char[] password;

    private DemoPki(Path pki, char[] password) {
        this.pki = pki;
        this.password = password.clone();
    }

    /** The PKI at {@code pki}, with the demo password. */
    public static DemoPki at(Path pki) {
        return new DemoPki(pki, DEMO_PASSWORD.toCharArray());
    }

    public Path folder() {
        return pki;
    }

    public char[] password() {
        return password.clone();
    }

    /** The CA's certificate, the one trust anchor of the network. */
    public X509Certificate caCertificate() {
        return CertificateAuthority.load(PkiLayout.caKeyStore(pki), password).certificate();
    }

    /** A trust store holding the CA's certificate only. */
    public KeyStore trustStore() {
        return Stores.trustStore(Map.of("ca", caCertificate()));
    }

    /** The party's key store, every key of every profile in it. */
    public KeyStore keyStore(String party) {
        return Stores.read(PartyKit.keyStoreFile(pki, party), password);
    }

    /** The certificate the party holds under {@code alias} (one file per alias beside its key store). */
    public X509Certificate certificate(String party, String alias) {
        return Stores.readCertificate(PartyKit.certificateFile(pki, party, alias));
    }

    /**
     * The party's keys for the phase4 peer: it signs with the key under {@code signingAlias} and
     * finds its decryption or key agreement key in the same store; it trusts the network's CA.
     */
    public Phase4Keys phase4Keys(String party, String signingAlias) {
        return new Phase4Keys(keyStore(party), signingAlias, password, trustStore());
    }
}
