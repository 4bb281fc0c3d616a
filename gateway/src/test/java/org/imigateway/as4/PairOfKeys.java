package org.imigateway.as4;

import java.security.cert.X509Certificate;
import java.util.List;

import org.imigateway.certificates.CertificateAuthority;
import org.imigateway.certificates.IssuedCertificate;

/** A sender and a receiver with certificates of one fresh CA, each trusting it, for tests below the gateway. */
public record PairOfKeys(Cryptos sender, Cryptos receiver, X509Certificate senderSigning) {

    public static PairOfKeys issue() {
        CertificateAuthority ca = CertificateAuthority.create("Test CA");
        IssuedCertificate signing = ca.issueSigning("gw-a");
        Cryptos sender = cryptos(ca, signing, ca.issueEncryption("gw-a"), List.of());
        Cryptos receiver = cryptos(ca, ca.issueSigning("gw-b"), ca.issueEncryption("gw-b"),
                List.of(signing.certificate()));
        return new PairOfKeys(sender, receiver, signing.certificate());
    }

    private static Cryptos cryptos(CertificateAuthority ca, IssuedCertificate signing, IssuedCertificate encryption,
            List<X509Certificate> partners) {
        return new Cryptos(new KeyMaterial(signing.privateKey(), signing.chain(), encryption.privateKey(),
                encryption.chain(), List.of(ca.certificate()), List.of(ca.crl())), partners);
    }
}
