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
 * larger than that (a 2 GiB payload that did not compress) goes through {@link LongGcm}, the
 * JDK's AES-CTR and GHASH in pieces, both ways: the caller names its largest attachment.
 */
public final class StreamingGcm {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** SunJCE's GCM input limit, less room for the tag. */
    static final long JDK_LIMIT = Integer.MAX_VALUE - 1024;
    private static final ThreadLocal<Boolean> STREAMING = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Boolean> BEYOND_JDK = ThreadLocal.withInitial(() -> false);
    private static final Provider JDK = Security.getProvider("SunJCE");
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

    /** What the cipher hands to when it does not use the JDK's GCM directly. */
    interface GcmStream {
        int outputSize(int inputLength);

        byte[] update(byte[] input, int offset, int length);

        byte[] doFinal(byte[] input, int offset, int length) throws java.security.GeneralSecurityException;
    }

    /**
     * Encrypts with the JDK's cipher; decrypts with {@link GcmStreamDecryption} when created
     * inside {@link #run}, else with the JDK's; beyond the JDK's limit, {@link LongGcm} both ways.
     * The choice is made at {@code init}, when the mode is known.
     */
    public static final class ScopedGcmCipher extends CipherSpi {

        private final boolean streaming;
        private final boolean beyondJdk;
        private final Cipher jdk;
        /** Set when the work is not the JDK cipher's own. */
        private GcmStream stream;
        /** The key and IV of the work that is not the JDK cipher's own, kept after it ends. */
        private GCMParameterSpec spec;

        public ScopedGcmCipher() throws NoSuchAlgorithmException, NoSuchPaddingException {
            if (JDK == null) {
                throw new NoSuchAlgorithmException("the JDK's SunJCE provider is not installed");
            }
            streaming = STREAMING.get();
            beyondJdk = streaming && BEYOND_JDK.get();
            jdk = Cipher.getInstance(TRANSFORMATION, JDK);
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
            return stream != null ? stream.outputSize(inputLen) : jdk.getOutputSize(inputLen);
        }

        @Override
        protected byte[] engineGetIV() {
            return spec != null ? spec.getIV() : jdk.getIV();
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            if (spec == null) {
                return jdk.getParameters();
            }
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("GCM", JDK);
                parameters.init(spec);
                return parameters;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM parameters: " + e.getMessage(), e);
            }
        }

        @Override
        protected void engineInit(int opmode, Key key, SecureRandom random) throws java.security.InvalidKeyException {
            stream = null;
            spec = null;
            if (beyondJdk && opmode == Cipher.ENCRYPT_MODE) {
                byte[] iv = new byte[12];
                (random == null ? new SecureRandom() : random).nextBytes(iv);
                try {
                    engineInit(opmode, key, new GCMParameterSpec(128, iv), random);
                } catch (java.security.InvalidAlgorithmParameterException e) {
                    throw new java.security.InvalidKeyException(e.getMessage(), e);
                }
                return;
            }
            jdk.init(opmode, key, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws java.security.InvalidKeyException, java.security.InvalidAlgorithmParameterException {
            stream = null;
            spec = null;
            boolean own = beyondJdk ? opmode == Cipher.ENCRYPT_MODE || opmode == Cipher.DECRYPT_MODE
                    : streaming && opmode == Cipher.DECRYPT_MODE;
            if (own && params instanceof GCMParameterSpec gcm) {
                try {
                    stream = beyondJdk ? new LongGcm(opmode == Cipher.ENCRYPT_MODE, key, gcm, JDK)
                            : new GcmStreamDecryption(key, gcm, JDK);
                    spec = gcm;
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
            return stream != null ? stream.update(input, offset, len) : jdk.update(input, offset, len);
        }

        @Override
        protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException {
            if (stream != null) {
                return copy(stream.update(input, offset, len), output, outputOffset);
            }
            return jdk.update(input, offset, len, output, outputOffset);
        }

        @Override
        protected void engineUpdateAAD(byte[] src, int offset, int len) {
            if (stream != null) {
                throw new IllegalStateException("attachment encryption has no additional authenticated data");
            }
            jdk.updateAAD(src, offset, len);
        }

        @Override
        protected void engineUpdateAAD(java.nio.ByteBuffer src) {
            if (stream != null) {
                throw new IllegalStateException("attachment encryption has no additional authenticated data");
            }
            jdk.updateAAD(src);
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int offset, int len)
                throws javax.crypto.IllegalBlockSizeException, javax.crypto.BadPaddingException {
            if (stream != null) {
                return finish(input, offset, len);
            }
            // Cipher.doFinal() with no input reaches the SPI as (null, 0, 0)
            return input == null ? jdk.doFinal() : jdk.doFinal(input, offset, len);
        }

        @Override
        protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException, javax.crypto.IllegalBlockSizeException, javax.crypto.BadPaddingException {
            if (stream != null) {
                return copy(finish(input, offset, len), output, outputOffset);
            }
            return input == null ? jdk.doFinal(output, outputOffset)
                    : jdk.doFinal(input, offset, len, output, outputOffset);
        }

        private byte[] finish(byte[] input, int offset, int len) throws javax.crypto.BadPaddingException {
            try {
                return input == null ? stream.doFinal(new byte[0], 0, 0) : stream.doFinal(input, offset, len);
            } catch (javax.crypto.BadPaddingException e) {
                throw e;
            } catch (java.security.GeneralSecurityException e) {
                throw (javax.crypto.BadPaddingException) new javax.crypto.BadPaddingException(e.getMessage()).initCause(e);
            } finally {
                stream = null;
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
