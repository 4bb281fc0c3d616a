package org.imigateway.as4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.security.Security;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GcmStreamDecryptionTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Lengths around the block (16) and tag (16) sizes and CipherInputStream's 512-byte reads. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 32, 33, 511, 512, 513, 100_003, 1 << 20})
    void decryptsWhatBouncyCastleEncrypted(int length) throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());
        byte[] plaintext = random(length);
        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", new BouncyCastleProvider());
        encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
        byte[] ciphertext = encrypt.doFinal(plaintext);

        assertArrayEquals(plaintext, readThrough(ciphertext, key, spec));
    }

    @Test
    void releasesPlaintextBeforeTheEndOfTheCiphertext() throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());
        byte[] ciphertext = jdkEncrypt(random(1 << 20), key, spec);
        GcmStreamDecryption decryption = new GcmStreamDecryption(key, spec, Security.getProvider("SunJCE"));

        byte[] first = decryption.update(ciphertext, 0, 1 << 19);

        assertTrue(first.length >= (1 << 19) - 32, "released " + first.length + " of 524288 bytes");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 700, 4095, 4096 + 15})
    void aChangedByteAnywhereFailsTheTag(int position) throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());
        byte[] ciphertext = jdkEncrypt(random(4096), key, spec);
        ciphertext[position] ^= 0x01;

        IOException e = assertThrows(IOException.class, () -> readThrough(ciphertext, key, spec));
        assertTrue(e.getCause() instanceof AEADBadTagException, String.valueOf(e.getCause()));
    }

    @Test
    void aCiphertextShorterThanItsTagIsRefused() throws Exception {
        SecretKey key = key();
        GcmStreamDecryption decryption = new GcmStreamDecryption(key, new GCMParameterSpec(128, iv()),
                Security.getProvider("SunJCE"));

        assertThrows(AEADBadTagException.class, () -> decryption.doFinal(new byte[15], 0, 15));
    }

    @Test
    void theScopedProviderDecryptsAttachmentsWithItAndEncryptsWithTheJdk() throws Exception {
        roundTripInScope(0);
    }

    @Test
    void attachmentsBeyondTheJdksTwoGibLimitGoThroughLongGcmAndStillRoundTrip() throws Exception {
        roundTripInScope(StreamingGcm.JDK_LIMIT + 1);
    }

    /** Encrypts and decrypts through the scoped provider, the largest attachment named as {@code largest}. */
    private static void roundTripInScope(long largest) throws Exception {
        SecretKey key = key();
        GCMParameterSpec spec = new GCMParameterSpec(128, iv());
        byte[] plaintext = random(70_000);
        byte[] ciphertext = StreamingGcm.run(largest, () -> {
            Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding");
            encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
            return encrypt.doFinal(plaintext);
        });
        byte[] decrypted = StreamingGcm.run(largest, () -> {
            Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding");
            decrypt.init(Cipher.DECRYPT_MODE, key, spec);
            try (InputStream in = new CipherInputStream(new ByteArrayInputStream(ciphertext), decrypt)) {
                return in.readAllBytes();
            }
        });

        assertArrayEquals(jdkEncrypt(plaintext, key, spec), ciphertext);
        assertArrayEquals(plaintext, decrypted);
    }

    private static byte[] readThrough(byte[] ciphertext, SecretKey key, GCMParameterSpec spec) throws Exception {
        // the provider's cipher is made at init (the JDK chooses the provider then), inside the scope
        Cipher decrypt = StreamingGcm.run(() -> {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
            return cipher;
        });
        assertTrue(decrypt.getProvider() instanceof StreamingGcm.ScopedProvider, decrypt.getProvider().getName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new CipherInputStream(new ByteArrayInputStream(ciphertext), decrypt)) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    private static byte[] jdkEncrypt(byte[] plaintext, SecretKey key, GCMParameterSpec spec) throws Exception {
        Cipher encrypt = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        encrypt.init(Cipher.ENCRYPT_MODE, key, spec);
        return encrypt.doFinal(plaintext);
    }

    static SecretKey key() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(128);
        return generator.generateKey();
    }

    static byte[] iv() {
        return random(12);
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
