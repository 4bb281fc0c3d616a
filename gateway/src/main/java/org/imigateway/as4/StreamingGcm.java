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

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Streams AES-GCM attachment encryption and decryption through Bouncy Castle.
 *
 * <p>Why: WSS4J decrypts attachments through {@code CipherInputStream} with whatever provider
 * {@code Cipher.getInstance("AES/GCM/NoPadding")} returns. The JDK 17 SunJCE GCM decrypt
 * buffers the whole ciphertext and, read through {@code CipherInputStream}, reallocates that
 * buffer on every 512-byte read: 5 MB took 10 s here, and a 2 GiB payload could never fit in
 * memory. Bouncy Castle's GCM releases plaintext as it goes and checks the tag at the end (the
 * decrypted file is only used once the stream completed without error).
 *
 * <p>How: a provider placed first offers only AES/GCM/NoPadding, and its cipher delegates to
 * Bouncy Castle inside {@link #run} (our attachment crypto) and to the JDK everywhere else, so
 * TLS keeps the JDK's hardware-accelerated GCM.
 */
public final class StreamingGcm {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final ThreadLocal<Boolean> STREAMING = ThreadLocal.withInitial(() -> false);
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final Provider JDK_DEFAULT = Security.getProvider("SunJCE");
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

    /** Runs attachment crypto with streaming GCM on this thread. */
    public static <T> T run(Callable<T> work) throws Exception {
        install();
        boolean previous = STREAMING.get();
        STREAMING.set(true);
        try {
            return work.call();
        } finally {
            STREAMING.set(previous);
        }
    }

    static final class ScopedProvider extends Provider {
        ScopedProvider() {
            super("IMI-StreamingGCM", "1.0", "AES/GCM: Bouncy Castle for AS4 attachments, the JDK elsewhere");
            putService(new Service(this, "Cipher", TRANSFORMATION, ScopedGcmCipher.class.getName(), List.of(), Map.of()));
        }
    }

    /** Delegates every call to the cipher chosen when it was created. */
    public static final class ScopedGcmCipher extends CipherSpi {

        private final Cipher delegate;

        public ScopedGcmCipher() throws NoSuchAlgorithmException, NoSuchPaddingException {
            Provider provider = STREAMING.get() || JDK_DEFAULT == null ? BOUNCY_CASTLE : JDK_DEFAULT;
            delegate = Cipher.getInstance(TRANSFORMATION, provider);
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
            return delegate.getBlockSize();
        }

        @Override
        protected int engineGetOutputSize(int inputLen) {
            return delegate.getOutputSize(inputLen);
        }

        @Override
        protected byte[] engineGetIV() {
            return delegate.getIV();
        }

        @Override
        protected AlgorithmParameters engineGetParameters() {
            return delegate.getParameters();
        }

        @Override
        protected void engineInit(int opmode, Key key, SecureRandom random) throws java.security.InvalidKeyException {
            delegate.init(opmode, key, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameterSpec params, SecureRandom random)
                throws java.security.InvalidKeyException, java.security.InvalidAlgorithmParameterException {
            delegate.init(opmode, key, params, random);
        }

        @Override
        protected void engineInit(int opmode, Key key, AlgorithmParameters params, SecureRandom random)
                throws java.security.InvalidKeyException, java.security.InvalidAlgorithmParameterException {
            delegate.init(opmode, key, params, random);
        }

        @Override
        protected byte[] engineUpdate(byte[] input, int offset, int len) {
            return delegate.update(input, offset, len);
        }

        @Override
        protected int engineUpdate(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException {
            return delegate.update(input, offset, len, output, outputOffset);
        }

        @Override
        protected void engineUpdateAAD(byte[] src, int offset, int len) {
            delegate.updateAAD(src, offset, len);
        }

        @Override
        protected void engineUpdateAAD(java.nio.ByteBuffer src) {
            delegate.updateAAD(src);
        }

        @Override
        protected byte[] engineDoFinal(byte[] input, int offset, int len)
                throws javax.crypto.IllegalBlockSizeException, javax.crypto.BadPaddingException {
            // Cipher.doFinal() with no input reaches the SPI as (null, 0, 0)
            return input == null ? delegate.doFinal() : delegate.doFinal(input, offset, len);
        }

        @Override
        protected int engineDoFinal(byte[] input, int offset, int len, byte[] output, int outputOffset)
                throws ShortBufferException, javax.crypto.IllegalBlockSizeException, javax.crypto.BadPaddingException {
            return input == null ? delegate.doFinal(output, outputOffset)
                    : delegate.doFinal(input, offset, len, output, outputOffset);
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
