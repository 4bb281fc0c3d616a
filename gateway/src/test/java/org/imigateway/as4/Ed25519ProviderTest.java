package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ed25519 goes through Bouncy Castle once WSS4J is initialised, with the JDK's keys and the JDK's results. */
class Ed25519ProviderTest {

    private static final byte[] DATA = "<SignedInfo>an AS4 message</SignedInfo>".getBytes(StandardCharsets.UTF_8);

    private static KeyPair jdkKeys;

    @BeforeAll
    static void keysAndInit() throws Exception {
        WssInit.ensure();
        jdkKeys = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
    }

    @Test
    void signsWithTheJdksKeyThroughBouncyCastleAndMatchesTheJdkByteForByte() throws Exception {
        Signature ours = Signature.getInstance("Ed25519");
        ours.initSign(jdkKeys.getPrivate());
        ours.update(DATA);
        byte[] signature = ours.sign();
        assertEquals("IMI-Ed25519", ours.getProvider().getName());

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
        assertEquals("IMI-Ed25519", ours.getProvider().getName());

        signature[5] ^= 1;
        Signature again = Signature.getInstance("Ed25519");
        again.initVerify(jdkKeys.getPublic());
        again.update(DATA);
        assertFalse(again.verify(signature));
    }
}
