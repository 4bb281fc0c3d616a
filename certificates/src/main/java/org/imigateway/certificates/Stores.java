package org.imigateway.certificates;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Reads and writes key material: PKCS12 key and trust stores, and PEM files of certificates, CRLs
 * and unencrypted PKCS#8 private keys. Stores are the JDK's own PKCS12 type, so anything running
 * on a plain JDK (Jetty, WSS4J's Merlin) reads them without Bouncy Castle.
 */
public final class Stores {

    private static final String PKCS12 = "PKCS12";

    private Stores() {
    }

    /** Private key entries with their chains; each key is protected by the store password. */
    public static KeyStore keyStore(Map<String, IssuedCertificate> entries, char[] password) {
        KeyStore store = emptyStore();
        entries.forEach((alias, entry) -> {
            try {
                store.setKeyEntry(alias, entry.privateKey(), password, entry.chainArray());
            } catch (GeneralSecurityException e) {
                throw new PkiException("Cannot put key entry '" + alias + "' into a PKCS12 store", e);
            }
        });
        return store;
    }

    /** Trusted certificate entries, as a TLS or WS-Security trust store wants them. */
    public static KeyStore trustStore(Map<String, X509Certificate> entries) {
        KeyStore store = emptyStore();
        entries.forEach((alias, certificate) -> {
            try {
                store.setCertificateEntry(alias, certificate);
            } catch (GeneralSecurityException e) {
                throw new PkiException("Cannot put trusted certificate '" + alias + "' into a PKCS12 store", e);
            }
        });
        return store;
    }

    public static void write(KeyStore store, Path file, char[] password) {
        try {
            createParent(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("Cannot write PKCS12 file " + file, e);
        }
    }

    public static KeyStore read(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(PKCS12);
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new PkiException("PKCS12 file " + file + " does not exist");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new PkiException("Cannot read PKCS12 file " + file + ": wrong password");
            }
            throw new PkiException("Cannot read PKCS12 file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read PKCS12 file " + file, e);
        }
    }

    /**
     * Writes certificates, CRLs and private keys in the order given. Keys are written as
     * unencrypted PKCS#8 ("PRIVATE KEY"), the form both OpenSSL and Java read without help.
     */
    public static void writePem(Path file, List<?> objects) {
        for (Object object : objects) {
            if (!(object instanceof X509Certificate || object instanceof X509CRL || object instanceof PrivateKey)) {
                throw new PkiException("Cannot write a " + object.getClass().getName() + " to PEM file " + file
                        + ": only certificates, CRLs and private keys");
            }
        }
        try {
            createParent(file);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                for (Object object : objects) {
                    pem.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
                }
            }
        } catch (PemGenerationException e) {
            throw new PkiException("Cannot encode a private key for PEM file " + file, e);
        } catch (IOException e) {
            throw new PkiException("Cannot write PEM file " + file, e);
        }
    }

    /** The first certificate in the file. */
    public static X509Certificate readCertificate(Path pem) {
        return readCertificates(pem).get(0);
    }

    /** All certificates in the file, in file order; at least one. */
    public static List<X509Certificate> readCertificates(Path pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : readPemObjects(pem)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new PkiException("Cannot decode a certificate in PEM file " + pem, e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new PkiException("PEM file " + pem + " holds no certificate");
        }
        return List.copyOf(certificates);
    }

    /** The first CRL in the file. */
    public static X509CRL readCrl(Path pem) {
        for (Object object : readPemObjects(pem)) {
            if (object instanceof X509CRLHolder holder) {
                try {
                    return new JcaX509CRLConverter().getCRL(holder);
                } catch (GeneralSecurityException e) {
                    throw new PkiException("Cannot decode the CRL in PEM file " + pem, e);
                }
            }
        }
        throw new PkiException("PEM file " + pem + " holds no CRL");
    }

    /** The first private key in the file, PKCS#8 or traditional OpenSSL form, unencrypted. */
    public static PrivateKey readPrivateKey(Path pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object object : readPemObjects(pem)) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            } catch (IOException e) {
                throw new PkiException("Cannot decode the private key in PEM file " + pem, e);
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new PkiException("PEM file " + pem + " holds an encrypted private key; only unencrypted keys are read");
            }
        }
        throw new PkiException("PEM file " + pem + " holds no private key");
    }

    private static List<Object> readPemObjects(Path pem) {
        List<Object> objects = new ArrayList<>();
        // Latin-1 decodes any byte, so a file that is not PEM ends up as "holds no certificate".
        try (Reader in = Files.newBufferedReader(pem, StandardCharsets.ISO_8859_1);
                PEMParser parser = new PEMParser(in)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new PkiException("PEM file " + pem + " does not exist");
        } catch (IOException | RuntimeException e) {
            // PEMParser reports damaged base64 or DER as runtime exceptions too.
            throw new PkiException("Cannot read PEM file " + pem, e);
        }
        return objects;
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance(PKCS12);
            store.load(null, null);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("Cannot create an empty PKCS12 store", e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
