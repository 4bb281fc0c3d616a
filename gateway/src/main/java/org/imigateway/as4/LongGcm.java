package org.imigateway.as4;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.Provider;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-GCM, both ways and streaming, for inputs beyond the JDK's 2^31-1-byte limit per key and IV,
 * on the JDK's accelerated AES and GHASH: a 2 GiB payload that does not compress went through
 * Bouncy Castle's GCM before, which spent 77 % of both gateways' CPU in plain-Java AES (2 GiB at
 * 12 MB/s, profiled 2026-12-04).
 *
 * <p>How, from the definition of GCM (NIST SP 800-38D, sections 6.4 and 7) with a 96-bit IV and
 * no additional authenticated data, as XML Encryption's AES-GCM uses it:
 * <ul>
 *   <li>The key stream is AES-CTR from inc32(J0), J0 = IV || 0^31 || 1: the JDK's AES/CTR, whose
 *       128-bit increment equals inc32 for every length GCM allows (under 2^32 blocks).</li>
 *   <li>GHASH over the ciphertext is taken in pieces of at most {@link #piece} bytes, each by the
 *       trick of {@link GcmStreamDecryption}: encrypting a piece C_i twice with one JDK GCM key and
 *       IV' gives C_i back with the tag T_i = GHASH(C_i || len_i) xor E(J0'), so G_i = T_i xor E(J0').</li>
 *   <li>GHASH is Horner's rule, linear in its blocks, so the pieces combine: with S_i the GHASH
 *       of C_i's blocks alone, G_i = (S_i xor L_i) * H, and the whole is
 *       (sum_i S_i * H^(blocks after i) xor L) * H = sum_i (G_i xor L_i * H) * H^(blocks after i)
 *       xor L * H. Only a few GF(2^128) multiplications per piece are done here, in Java.</li>
 * </ul>
 * Decryption releases plaintext as the ciphertext comes and checks the tag at the end, in
 * constant time; the caller uses the plaintext only once {@link #doFinal} returned, the contract
 * of a streaming GCM. {@code LongGcmTest} holds it byte for byte to Bouncy Castle's GCM.
 */
final class LongGcm implements StreamingGcm.GcmStream {

    /** SunJCE's GCM input limit, rounded down to whole blocks. */
    static final int JDK_PIECE = (Integer.MAX_VALUE - 1024) & ~15;
    private static final int BLOCK = 16;
    private static final int FULL_TAG = 16;

    private final boolean encrypt;
    private final Key key;
    private final Provider jdk;
    private final int piece;
    private final int tagBytes;
    private final Cipher keyStream;
    private final Cipher ecb;
    private final long[] h;
    private final byte[] encryptedJ0;
    /** The sum over the finished pieces, multiplied up to the blocks seen so far. */
    private long[] accumulated = {0, 0};
    private long totalBytes;
    private int pieceNumber;
    private long pieceBytes;
    private Cipher pieceFirst;
    private Cipher pieceSecond;
    /** Decryption: the last {@code tagBytes} bytes seen, the tag if the stream ends now. */
    private final TrailingTag trailing;

    LongGcm(boolean encrypt, Key key, GCMParameterSpec spec, Provider jdk) throws GeneralSecurityException {
        this(encrypt, key, spec, jdk, JDK_PIECE);
    }

    /** {@code piece}: the GHASH piece size, a multiple of 16; small in tests to cross piece borders often. */
    LongGcm(boolean encrypt, Key key, GCMParameterSpec spec, Provider jdk, int piece) throws GeneralSecurityException {
        if (spec.getIV().length != 12) {
            throw new InvalidAlgorithmParameterException("AES-GCM beyond 2 GiB takes a 96-bit IV, not "
                    + spec.getIV().length * 8 + " bits");
        }
        if (piece <= 0 || piece % BLOCK != 0) {
            throw new IllegalArgumentException("piece " + piece);
        }
        this.encrypt = encrypt;
        this.key = key;
        this.jdk = jdk;
        this.piece = piece;
        this.tagBytes = spec.getTLen() / 8;
        this.trailing = new TrailingTag(tagBytes);
        this.ecb = Cipher.getInstance("AES/ECB/NoPadding", jdk);
        ecb.init(Cipher.ENCRYPT_MODE, key);
        this.h = toLongs(ecb.doFinal(new byte[BLOCK]));
        byte[] j0 = counterBlock(spec.getIV(), 1);
        this.encryptedJ0 = ecb.doFinal(j0);
        this.keyStream = Cipher.getInstance("AES/CTR/NoPadding", jdk);
        keyStream.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counterBlock(spec.getIV(), 2)));
    }

    /** At most this many bytes come out of the next {@link #update} or {@link #doFinal} of {@code inputLength} bytes. */
    @Override
    public int outputSize(int inputLength) {
        return encrypt ? inputLength + tagBytes : Math.max(0, trailing.held() + inputLength - tagBytes);
    }

    @Override
    public byte[] update(byte[] input, int offset, int length) {
        try {
            if (encrypt) {
                byte[] ciphertext = orEmpty(keyStream.update(input, offset, length));
                hash(ciphertext);
                return ciphertext;
            }
            byte[] ciphertext = trailing.release(input, offset, length);
            hash(ciphertext);
            return orEmpty(keyStream.update(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] doFinal(byte[] input, int offset, int length) throws GeneralSecurityException {
        byte[] head = update(input, offset, length);
        if (!encrypt && !trailing.complete()) {
            throw new AEADBadTagException("the ciphertext is shorter than its " + tagBytes + "-byte tag");
        }
        byte[] tail = orEmpty(keyStream.doFinal());
        finishPiece();
        long[] lengthBlock = {0, totalBytes * 8};
        long[] ghash = xor(accumulated, multiply(lengthBlock, h));
        byte[] tag = Arrays.copyOf(xor(toBytes(ghash), encryptedJ0), tagBytes);
        if (encrypt) {
            return concat(head, tail, tag);
        }
        if (!trailing.matches(tag)) {
            throw new AEADBadTagException("the AES-GCM tag does not match the ciphertext");
        }
        return concat(head, tail, new byte[0]);
    }

    /** Feeds ciphertext to the GHASH pieces, closing a piece at each {@link #piece} bytes. */
    private void hash(byte[] ciphertext) throws GeneralSecurityException {
        int done = 0;
        while (done < ciphertext.length) {
            if (pieceFirst == null) {
                startPiece();
            }
            int take = (int) Math.min(ciphertext.length - done, piece - pieceBytes);
            byte[] through = pieceFirst.update(ciphertext, done, take);
            if (through != null) {
                pieceSecond.update(through);
            }
            pieceBytes += take;
            totalBytes += take;
            done += take;
            if (pieceBytes == piece) {
                finishPiece();
            }
        }
    }

    private void startPiece() throws GeneralSecurityException {
        GCMParameterSpec spec = new GCMParameterSpec(FULL_TAG * 8, pieceIv(pieceNumber));
        pieceFirst = Cipher.getInstance("AES/GCM/NoPadding", jdk);
        pieceSecond = Cipher.getInstance("AES/GCM/NoPadding", jdk);
        pieceFirst.init(Cipher.ENCRYPT_MODE, key, spec);
        pieceSecond.init(Cipher.ENCRYPT_MODE, key, spec);
        pieceBytes = 0;
    }

    /** Adds the open piece, if any, to the sum: acc = acc * H^blocks xor (G xor L * H). */
    private void finishPiece() throws GeneralSecurityException {
        if (pieceFirst == null) {
            return;
        }
        byte[] rest = pieceFirst.doFinal();
        byte[] last = pieceSecond.doFinal(rest, 0, rest.length - FULL_TAG);
        byte[] pieceTag = Arrays.copyOfRange(last, last.length - FULL_TAG, last.length);
        long[] g = toLongs(xor(pieceTag, ecb.doFinal(counterBlock(pieceIv(pieceNumber), 1))));
        long blocks = (pieceBytes + BLOCK - 1) / BLOCK;
        long[] pieceLength = {0, pieceBytes * 8};
        accumulated = xor(multiply(accumulated, power(h, blocks)), xor(g, multiply(pieceLength, h)));
        pieceFirst = null;
        pieceSecond = null;
        pieceNumber++;
    }


    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }

    private static byte[] pieceIv(int number) {
        byte[] iv = new byte[12];
        iv[8] = (byte) (number >>> 24);
        iv[9] = (byte) (number >>> 16);
        iv[10] = (byte) (number >>> 8);
        iv[11] = (byte) number;
        return iv;
    }

    private static byte[] counterBlock(byte[] iv, int counter) {
        byte[] block = Arrays.copyOf(iv, BLOCK);
        block[15] = (byte) counter;
        return block;
    }

    /** X * Y in GF(2^128) with GCM's bit order (SP 800-38D, algorithm 1); element = {bits 0-63, bits 64-127}. */
    static long[] multiply(long[] x, long[] y) {
        long zHigh = 0;
        long zLow = 0;
        long vHigh = y[0];
        long vLow = y[1];
        for (int i = 0; i < 128; i++) {
            long word = i < 64 ? x[0] : x[1];
            if (((word >>> (63 - (i & 63))) & 1) != 0) {
                zHigh ^= vHigh;
                zLow ^= vLow;
            }
            boolean lowBit = (vLow & 1) != 0;
            vLow = (vLow >>> 1) | (vHigh << 63);
            vHigh >>>= 1;
            if (lowBit) {
                vHigh ^= 0xE100000000000000L;
            }
        }
        return new long[] {zHigh, zLow};
    }

    /** X^n by squaring; X^0 is the field's one (bit 0 set). */
    static long[] power(long[] x, long n) {
        long[] result = {Long.MIN_VALUE, 0};
        long[] square = x;
        for (long e = n; e > 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result = multiply(result, square);
            }
            square = multiply(square, square);
        }
        return result;
    }

    private static long[] xor(long[] a, long[] b) {
        return new long[] {a[0] ^ b[0], a[1] ^ b[1]};
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static long[] toLongs(byte[] block) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (block[i] & 0xFF);
            low = (low << 8) | (block[i + 8] & 0xFF);
        }
        return new long[] {high, low};
    }

    static byte[] toBytes(long[] element) {
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) (element[0] >>> (56 - 8 * i));
            block[i + 8] = (byte) (element[1] >>> (56 - 8 * i));
        }
        return block;
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }
}
