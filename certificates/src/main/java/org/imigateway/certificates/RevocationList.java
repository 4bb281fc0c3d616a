package org.imigateway.certificates;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The serials a CA has revoked, and the signing of CRLs that list them. The list is kept only in
 * memory and in the CRLs themselves: a saved CRL is all that is needed to restore it.
 */
final class RevocationList {

    /** Backdated a minute so a verifier whose clock is slightly behind does not see a CRL from the future. */
    static final Duration BACKDATE = Duration.ofMinutes(1);
    static final Duration VALIDITY = Duration.ofDays(7);

    private final Map<BigInteger, Instant> revokedSince = new TreeMap<>();
    private BigInteger lastCrlNumber;

    private RevocationList(BigInteger lastCrlNumber) {
        this.lastCrlNumber = lastCrlNumber;
    }

    static RevocationList empty() {
        return new RevocationList(BigInteger.ZERO);
    }

    /** Continues from a CRL this CA signed earlier, so CRL numbers keep increasing (RFC 5280, 5.2.3). */
    static RevocationList continuing(X509CRL crl) {
        RevocationList list = new RevocationList(crlNumber(crl));
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries != null) {
            for (X509CRLEntry entry : entries) {
                list.revokedSince.put(entry.getSerialNumber(), entry.getRevocationDate().toInstant());
            }
        }
        return list;
    }

    /** Revoking twice keeps the first date: that is when the key stopped being trusted. */
    synchronized void add(BigInteger serial, Instant when) {
        revokedSince.putIfAbsent(serial, when.truncatedTo(ChronoUnit.SECONDS));
    }

    synchronized X509CRL sign(X509Certificate caCertificate, PrivateKey caKey, Instant now) {
        Instant thisUpdate = now.truncatedTo(ChronoUnit.SECONDS).minus(BACKDATE);
        BigInteger number = lastCrlNumber.add(BigInteger.ONE);
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(caCertificate, Date.from(thisUpdate))
                    .setNextUpdate(Date.from(thisUpdate.plus(VALIDITY)))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(number))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCertificate.getPublicKey()));
            // No reason code: RFC 5280 5.3.1 says to leave it out rather than write "unspecified".
            revokedSince.forEach((serial, since) -> builder.addCRLEntry(serial, Date.from(since), null));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(CertificateBuilder.signer(caKey)));
            lastCrlNumber = number;
            return crl;
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new PkiException("Cannot sign the CRL of " + caCertificate.getSubjectX500Principal(), e);
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (extension == null) {
            return BigInteger.ZERO;
        }
        try {
            return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new PkiException("The CRL of " + crl.getIssuerX500Principal() + " has a damaged CRL number", e);
        }
    }
}
