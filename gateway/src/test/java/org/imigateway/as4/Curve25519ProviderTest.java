package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPublicKeySpec;

import javax.crypto.KeyAgreement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ed25519 and X25519 go through Bouncy Castle once WSS4J is initialised, with the JDK's keys and
 * the JDK's results.
 */
class Curve25519ProviderTest {

    private static final byte[] DATA = "<SignedInfo>an AS4 message</SignedInfo>".getBytes(StandardCharsets.UTF_8);

    private static KeyPair jdkKeys;
    private static KeyPair jdkRecipient;

    @BeforeAll
    static void keysAndInit() throws Exception {
        WssInit.ensure();
        jdkKeys = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        jdkRecipient = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();
    }

    @Test
    void signsWithTheJdksKeyThroughBouncyCastleAndMatchesTheJdkByteForByte() throws Exception {
        Signature ours = Signature.getInstance("Ed25519");
        ours.initSign(jdkKeys.getPrivate());
        ours.update(DATA);
        byte[] signature = ours.sign();
        assertEquals("IMI-Curve25519", ours.getProvider().getName());

        Signature jdk = Signature.getInstance("Ed25519", "SunEC");
        jdk.initSign(jdkKeys.getPrivate());
        jdk.update(DATA);
        assertArrayEquals(jdk.sign(), signature, "Ed25519 is deterministic: both providers must give the same bytes");
    }

    @Test
    void verifiesTheJdksSignatureAndRefusesATamperedOne() throws Exception {
        Signature jdk = Signature.getInstance("Ed25519", "SunEC");
        jdk.initSign(jdkKeys.getPrivate());
        jdk.update(DATA);
        byte[] signature = jdk.sign();

        Signature ours = Signature.getInstance("Ed25519");
        ours.initVerify(jdkKeys.getPublic());
        ours.update(DATA);
        assertTrue(ours.verify(signature));
        assertEquals("IMI-Curve25519", ours.getProvider().getName());

        signature[5] ^= 1;
        Signature again = Signature.getInstance("Ed25519");
        again.initVerify(jdkKeys.getPublic());
        again.update(DATA);
        assertFalse(again.verify(signature));
    }

    @Test
    void agreesOnTheJdksSecretWithAnEphemeralKeyOfItsOwnAndWithTheJdksKeys() throws Exception {
        // The sender's side as Santuario does it: an ephemeral key, agreed with the recipient's key.
        KeyPair ephemeral = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        assertEquals("IMI-Curve25519", KeyPairGenerator.getInstance("X25519").getProvider().getName());
        assertInstanceOf(XECPublicKey.class, ephemeral.getPublic());
        // the JDK's key classes, as a key store entry needs them beside a certificate the JDK read
        assertEquals(jdkRecipient.getPrivate().getAlgorithm(), ephemeral.getPrivate().getAlgorithm());
        assertEquals(jdkRecipient.getPublic().getClass(), ephemeral.getPublic().getClass());
        KeyAgreement ours = KeyAgreement.getInstance(jdkRecipient.getPublic().getAlgorithm());
        ours.init(ephemeral.getPrivate());
        ours.doPhase(jdkRecipient.getPublic(), true);
        assertEquals("IMI-Curve25519", ours.getProvider().getName());
        byte[] sender = ours.generateSecret();

        // The receiver's side: its JDK key with the ephemeral public key as read from the message.
        PublicKey onTheWire = KeyFactory.getInstance("XDH", "SunEC")
                .generatePublic(new X509EncodedKeySpec(ephemeral.getPublic().getEncoded()));
        KeyAgreement receiver = KeyAgreement.getInstance("XDH");
        receiver.init(jdkRecipient.getPrivate());
        receiver.doPhase(onTheWire, true);
        assertEquals("IMI-Curve25519", receiver.getProvider().getName());
        assertArrayEquals(sender, receiver.generateSecret());

        KeyAgreement jdk = KeyAgreement.getInstance("XDH", "SunEC");
        jdk.init(jdkRecipient.getPrivate());
        jdk.doPhase(onTheWire, true);
        assertArrayEquals(jdk.generateSecret(), sender, "X25519 is deterministic: both providers must agree");
    }

    @Test
    void refusesAPublicKeyOfLowOrderAsTheJdkDoes() throws Exception {
        // u = 0 is a point of small order: every private key agrees on the all-zero secret (RFC 7748, 6.1).
        byte[] zero = new byte[32];
        PublicKey lowOrder = KeyFactory.getInstance("XDH", "SunEC").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new java.math.BigInteger(1, zero)));
        KeyAgreement ours = KeyAgreement.getInstance("XDH");
        ours.init(jdkRecipient.getPrivate());
        assertThrows(Exception.class, () -> {
            ours.doPhase(lowOrder, true);
            ours.generateSecret();
        });
    }

    @Test
    void agreesWithAnOriginatorKeyThatSantuarioReadAsDsa() throws Exception {
        // A sender's ephemeral key beginning with 0x02 (drawn here by the JDK, as a peer other than us may)
        KeyPair sender;
        PublicKey readAsDsa = null;
        do {
            sender = KeyPairGenerator.getInstance("X25519", "SunEC").generateKeyPair();
            try {
                readAsDsa = KeyFactory.getInstance("DSA").generatePublic(new X509EncodedKeySpec(sender.getPublic().getEncoded()));
            } catch (java.security.spec.InvalidKeySpecException notDsa) {
                readAsDsa = null;
            }
        } while (readAsDsa == null);
        // what a receiver on Santuario gets from the message's DEREncodedKeyValue (DSA is tried before XDH)
        org.w3c.dom.Document doc = org.imigateway.xml.SecureXml.newDocument();
        PublicKey resolved = new org.apache.xml.security.keys.content.DEREncodedKeyValue(doc, sender.getPublic().getEncoded())
                .getPublicKey();
        assertInstanceOf(java.security.interfaces.DSAPublicKey.class, resolved);

        KeyAgreement receiver = KeyAgreement.getInstance(resolved.getAlgorithm());
        receiver.init(jdkRecipient.getPrivate());
        receiver.doPhase(resolved, true);
        KeyAgreement jdk = KeyAgreement.getInstance("XDH", "SunEC");
        jdk.init(sender.getPrivate());
        jdk.doPhase(jdkRecipient.getPublic(), true);
        assertArrayEquals(jdk.generateSecret(), receiver.generateSecret());
    }

    @Test
    void drawsNoEphemeralKeyThatSantuarioWouldReadAsDsa() throws Exception {
        // one key in 256 begins with 0x02: 5,000 keys without one happen by chance once in 3,000 runs
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519");
        org.w3c.dom.Document doc = org.imigateway.xml.SecureXml.newDocument();
        for (int i = 0; i < 5_000; i++) {
            byte[] encoded = generator.generateKeyPair().getPublic().getEncoded();
            assertFalse(Curve25519Provider.X25519KeyPairGenerator.readsAsDsa(encoded), "key " + i);
            if (i % 100 == 0) {
                assertInstanceOf(XECPublicKey.class,
                        new org.apache.xml.security.keys.content.DEREncodedKeyValue(doc, encoded).getPublicKey());
            }
        }
    }
}
