package org.imigateway.as4;

import java.security.AlgorithmParameters;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.crypto.Cipher;
import javax.crypto.CipherSpi;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Streams AES-GCM attachment encryption and decryption on the JDK's accelerated AES-GCM.
 *
 * <p>Why: WSS4J encrypts and decrypts attachments through {@code CipherInputStream} with
 * whatever provider {@code Cipher.getInstance("AES/GCM/NoPadding")} returns. The JDK's GCM
 * encryption streams, but its decryption buffers the whole ciphertext and, read through
 * {@code CipherInputStream}, reallocates that buffer on every 512-byte read: 5 MB took 10 s here,
 * and a 2 GiB payload could never fit in memory. Bouncy Castle's GCM, used here before, streams
 * both ways but at 100-130 MB/s of one core (AES in plain Java); the JDK's runs at about 4 GB/s.
 *
 * <p>How: a provider placed first offers only AES/GCM/NoPadding. Its cipher encrypts with the
 * JDK everywhere; it decrypts with {@link GcmStreamDecryption} inside {@link #run} (our
 * attachment crypto) and with the JDK everywhere else, so TLS is untouched.
 *
 * <p>The JDK's GCM takes at most {@value #JDK_LIMIT} bytes per key and IV (SunJCE refuses more:
 * "only supports input size up to 2147483647 bytes"). GCM itself allows 64 GiB, so an attachment
 * larger than that (a 2 GiB payload that did not compress) goes through Bouncy Castle's streaming
 * GCM, slower but without the cap: the caller names its largest attachment.
 */
public final class StreamingGcm {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** SunJCE's GCM input limit, less room for the tag. */
    static final long JDK_LIMIT = Integer.MAX_VALUE - 1024;
    private static final ThreadLocal<Boolean> STREAMING = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> BEYOND_JDK = ThreadLocal.withInitial(() -> false);
    private static final Provider JDK = Security.getProvider("SunJCE");
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static volatile boolean installed;

    private StreamingGcm() {
    }

    /** Installs the provider once; idempotent. */
    static synchronized void install() {
        if (!installed) {
            Security.insertProviderAt(new ScopedProvider(), 1);
            installed = true;
        }
    }

    /** Runs attachment crypto with streaming GCM on this thread, the largest attachment within the JDK's limit. */
    public static <T> T run(Callable<T> work) throws Exception {
        return run(0, work);
    }

    /** Runs attachment crypto with streaming GCM on this thread; {@code largestInput}: the largest attachment in bytes. */
    public static <T> T run(long largestInput, Callable<T> work) throws Exception {
        install();
        boolean previous = STREAMING.get();
        boolean previousBeyond = BEYOND_JDK.get();
        STREAMING.set(true);
        BEYOND_JDK.set(largestInput > JDK_LIMIT);
        try {
            return work.call();
        } finally {
            STREAMING.set(previous);
            BEYOND_JDK.set(previousBeyond);
        }
    }

    static final class ScopedProvider extends Provider {
        ScopedProvider() {
            super("IMI-StreamingGCM", "1.0", "AES/GCM: the JDK's, with streaming decryption for AS4 attachments");
            putService(new Service(this, "Cipher", TRANSFORMATION, ScopedGcmCipher.class.getName(), List.of(), Map.of()));
        }
    }

    /**
     * Encrypts with the JDK's cipher; decrypts with {@link GcmStreamDecryption} when created
     * inside {@link #run}, else with the JDK's. The choice is made at {@code init}, when the mode is known.
     */
    public static final class ScopedGcmCipher extends CipherSpi {

        private final boolean streaming;
        private final Cipher jdk;
        private GcmStreamDecryption decryption;
        private byte[] iv;

        public ScopedGcmCipher() throws NoSuchAlgorithmException, NoSuchPaddingException {
            if (JDK == null) {
                throw new NoSuchAlgorithmException("the JDK's SunJCE provider is not installed");
            }
            streaming = STREAMING.get();
            jdk = Cipher.getInstance(TRANSFORMATION, streaming && BEYOND_JDK.get() ? BOUNCY_CASTLE : JDK);
        }

        @Override
        protected void engineSetMode(String mode) throws NoSuchAlgorithmException {
            if (!"GCM".equalsIgnoreCase(mode)) {
                throw new NoSuchAlgorithmException(mode);
            }
        }

        @Override
        protected void engineSetPadding(String padding) throws NoSuchPaddingException {
            if (!"NoPadding".equalsIgnoreCase(padding)) {
                throw new NoSuchPaddingException(padding);
            }
        }

        @Override
        protected int engineGetBlockSize() {
            return jdk.getBlockSize();
        }

        @Override
        protected int engineGetOutputSize(int inputLen) {
            return decryption != null ? decryption.outputSize(inputLen) : jdk.getOutputSize(inputLen);
        }

        @Override
        protected byte[] engineGetIV() {
            return decryption != null ? iv : jdk.getIV();
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return jdk.getParameters();
        }

        @Override
        protected void engineInit(int opmode, Key key, SecureRandom random) throws java.security.InvalidKeyException {
            decryption = null;
            jdk.init(opmode, key, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws java.security.InvalidKeyException, java.security.InvalidAlgorithmParameterException {
            decryption = null;
            if (streaming && jdk.getProvider() == JDK && opmode == Cipher.DECRYPT_MODE && params instanceof GCMParameterSpec gcm) {
                try {
                    decryption = new GcmStreamDecryption(key, gcm, JDK);
                    iv = gcm.getIV();
                } catch (java.security.InvalidKeyException | java.security.InvalidAlgorithmParameterException e) {
                    throw e;
                } catch (java.security.GeneralSecurityException e) {
                    throw new java.security.InvalidAlgorithmParameterException(e);
                }
                return;
            }
            jdk.init(opmode, key, params, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
                throws java.security.InvalidKeyException, java.security.InvalidAlgorithmParameterException {
            try {
                engineInit(opmode, key, params == null ? null : params.getParameterSpec(GCMParameterSpec.class), random);
            } catch (java.security.spec.InvalidParameterSpecException e) {
                throw new java.security.InvalidAlgorithmParameterException(e);
            }
        }

        @Override
        protected byte[] engineUpdate(byte[] input, int offset, int len) {
            return decryption != null ? decryption.update(input, offset, len) : jdk.update(input, offset, len);
        }

        @Override
        protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException {
            if (decryption != null) {
                return copy(decryption.update(input, offset, len), output, outputOffset);
            }
            return jdk.update(input, offset, len, output, outputOffset);
        }

        @Override
        protected void engineUpdateAAD(byte[] src, int offset, int len) {
            if (decryption != null) {
                throw new IllegalStateException("attachment decryption has no additional authenticated data");
            }
            jdk.updateAAD(src, offset, len);
        }

        @Override
        protected void engineUpdateAAD(java.nio.ByteBuffer src) {
            if (decryption != null) {
                throw new IllegalStateException("attachment decryption has no additional authenticated data");
            }
            jdk.updateAAD(src);
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int offset, int len)
                throws javax.crypto.IllegalBlockSizeException, javax.crypto.BadPaddingException {
            if (decryption != null) {
                return finish(input, offset, len);
            }
            // Cipher.doFinal() with no input reaches the SPI as (null, 0, 0)
            return input == null ? jdk.doFinal() : jdk.doFinal(input, offset, len);
        }

        @Override
        protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException, javax.crypto.IllegalBlockSizeException, javax.crypto.BadPaddingException {
            if (decryption != null) {
                return copy(finish(input, offset, len), output, outputOffset);
            }
            return input == null ? jdk.doFinal(output, outputOffset)
                    : jdk.doFinal(input, offset, len, output, outputOffset);
        }

        private byte[] finish(byte[] input, int offset, int len) throws javax.crypto.BadPaddingException {
            try {
                return input == null ? decryption.doFinal(new byte[0], 0, 0) : decryption.doFinal(input, offset, len);
            } catch (javax.crypto.BadPaddingException e) {
                throw e;
            } catch (java.security.GeneralSecurityException e) {
                throw (javax.crypto.BadPaddingException) new javax.crypto.BadPaddingException(e.getMessage()).initCause(e);
            } finally {
                decryption = null;
            }
        }

        private static int copy(byte[] produced, byte[] output, int outputOffset) throws ShortBufferException {
            if (output.length - outputOffset < produced.length) {
                throw new ShortBufferException(produced.length + " bytes do not fit");
            }
            System.arraycopy(produced, 0, output, outputOffset, produced.length);
            return produced.length;
        }

        @Override
        protected int engineGetKeySize(Key key) throws java.security.InvalidKeyException {
            byte[] encoded = key.getEncoded();
            if (encoded == null) {
                throw new java.security.InvalidKeyException("the AES key has no encoding");
            }
            return encoded.length * 8;
        }
    }
}
