package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.imigateway.as4.GcmStreamDecryptionTest.iv;
import static org.imigateway.as4.GcmStreamDecryptionTest.key;
import static org.imigateway.as4.GcmStreamDecryptionTest.random;

import java.io.ByteArrayOutputStream;
import java.security.Provider;
import java.security.Security;
import java.util.Random;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LongGcm against Bouncy Castle's GCM, byte for byte, with GHASH pieces small enough that the
 * lengths below cross several piece borders (the real piece is SunJCE's 2 GiB limit).
 */
class LongGcmTest {

    private static final Provider JDK = Security.getProvider("SunJCE");
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    /** length, piece size: around blocks, tags and piece borders. */
    @ParameterizedTest
    @CsvSource({"0,64", "1,64", "15,64", "16,64", "17,64", "63,64", "64,64", "65,64", "128,64", "1000,64",
            "100003,4096", "1048576,65536", "1048577,65536", "300000,16"})
    void encryptsAsBouncyCastleDoesAndDecryptsWhatItEncrypted(int length, int piece) throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());
        byte[] plaintext = random(length);
        Cipher reference = Cipher.getInstance("AES/GCM/NoPadding", BOUNCY_CASTLE);
        reference.init(Cipher.ENCRYPT_MODE, key, spec);
        byte[] expected = reference.doFinal(plaintext);

        byte[] ciphertext = inRandomSlices(new LongGcm(true, key, spec, JDK, piece), plaintext);
        assertArrayEquals(expected, ciphertext, "ciphertext and tag");

        byte[] decrypted = inRandomSlices(new LongGcm(false, key, spec, JDK, piece), expected);
        assertArrayEquals(plaintext, decrypted);
    }

    @ParameterizedTest
    @CsvSource({"0,5000", "700,5000", "4111,5000", "5015,5000"})
    void aChangedByteAnywhereFailsTheTag(int position, int length) throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());
        Cipher reference = Cipher.getInstance("AES/GCM/NoPadding", BOUNCY_CASTLE);
        reference.init(Cipher.ENCRYPT_MODE, key, spec);
        byte[] ciphertext = reference.doFinal(random(length));
        ciphertext[position] ^= 0x01;

        assertThrows(AEADBadTagException.class,
                () -> inRandomSlices(new LongGcm(false, key, spec, JDK, 1024), ciphertext));
    }

    @Test
    void aCiphertextShorterThanItsTagIsRefused() throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());

        assertThrows(AEADBadTagException.class, () -> new LongGcm(false, key, spec, JDK).doFinal(new byte[15], 0, 15));
    }

    @Test
    void theFieldArithmeticKeepsItsLaws() {
        long[] a = LongGcm.toLongs(random(16));
        long[] b = LongGcm.toLongs(random(16));
        long[] one = {Long.MIN_VALUE, 0};
        assertArrayEquals(a, LongGcm.multiply(a, one));
        assertArrayEquals(LongGcm.multiply(a, b), LongGcm.multiply(b, a));
        assertArrayEquals(LongGcm.multiply(LongGcm.multiply(a, a), a), LongGcm.power(a, 3));
        assertArrayEquals(one, LongGcm.power(a, 0));
        assertArrayEquals(a, LongGcm.toLongs(LongGcm.toBytes(a)));
    }

    /** Feeds the input in slices of random size, as CipherInputStream and the MIME reader do. */
    private static byte[] inRandomSlices(LongGcm gcm, byte[] input) throws Exception {
        Random sizes = new Random(input.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < input.length) {
            int take = Math.min(input.length - at, 1 + sizes.nextInt(700));
            out.write(gcm.update(input, at, take));
            at += take;
        }
        out.write(gcm.doFinal(new byte[0], 0, 0));
        return out.toByteArray();
    }
}
