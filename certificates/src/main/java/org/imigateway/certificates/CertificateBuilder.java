package org.imigateway.certificates;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Builds and signs X.509 v3 certificates: the self-signed CA and the end-entity certificates it
 * issues. Signing and conversion use the JDK's providers so the results behave like any other
 * certificate the JDK has parsed.
 */
final class CertificateBuilder {

    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    static final String ORGANISATION = "IMI Gateway";

    /**
     * Random so that serials cannot be predicted (the CA/Browser Forum asks for at least 64 bits);
     * at most 17 octets in DER, within RFC 5280's limit of 20.
     */
    private static final int SERIAL_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateBuilder() {
    }

    /**
     * Subject {@code CN=<commonName>,O=IMI Gateway}. The organisation is encoded first so the JDK
     * prints it in that order and {@code new X500Principal("CN=x,O=IMI Gateway")} compares equal.
     */
    static X500Name subject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANISATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    static X509Certificate selfSignedCa(KeyPair keys, String commonName, Instant notBefore, Instant notAfter) {
        X500Name name = subject(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, randomSerial(), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            return sign(builder, keys.getPrivate());
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
            throw new PkiException("Cannot create CA certificate '" + commonName + "'", e);
        }
    }

    static X509Certificate endEntity(CertificateRequest request, PublicKey subjectKey,
            X509Certificate caCertificate, PrivateKey caKey) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    caCertificate, randomSerial(), Date.from(request.notBefore()), Date.from(request.notAfter()),
                    subject(request.commonName()), subjectKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, request.keyAlgorithm().keyUsage(request.purpose()))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate.getPublicKey()));
            if (request.purpose().extendedKeyUsage().isPresent()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(request.purpose().extendedKeyUsage().get()));
            }
            if (!request.hostNames().isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(request.hostNames()));
            }
            return sign(builder, caKey);
        } catch (GeneralSecurityException | CertIOException | OperatorCreationException
                | IllegalArgumentException e) {
            throw new PkiException("Cannot issue " + request.purpose() + " certificate '"
                    + request.commonName() + "'", e);
        }
    }

    /** IP literals must be iPAddress entries: TLS clients never match an IP against a dNSName. */
    private static GeneralNames alternativeNames(List<String> hostNames) {
        GeneralName[] names = hostNames.stream()
                .map(name -> IPAddress.isValid(name)
                        ? new GeneralName(GeneralName.iPAddress, name)
                        : new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new);
        return new GeneralNames(names);
    }

    static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    }

    private static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }
}
