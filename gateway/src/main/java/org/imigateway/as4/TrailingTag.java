package org.imigateway.as4;

import java.security.MessageDigest;

/**
 * The last {@code tagBytes} bytes of a GCM ciphertext seen so far, held back while it streams:
 * they are the tag if the stream ends now. What comes before them is released as ciphertext.
 */
final class TrailingTag {

    private final byte[] held;
    private int heldLength;

    TrailingTag(int tagBytes) {
        this.held = new byte[tagBytes];
    }

    /** The bytes held now (fewer than the tag only before that much ciphertext came). */
    int held() {
        return heldLength;
    }

    boolean complete() {
        return heldLength == held.length;
    }

    /** Compares the held tag with {@code computed} in constant time. */
    boolean matches(byte[] computed) {
        return complete() && MessageDigest.isEqual(computed, held);
    }

    /** The bytes now known not to be the tag: everything but the last {@code tagBytes} seen so far. */
    byte[] release(byte[] input, int offset, int length) {
        int total = heldLength + length;
        int released = Math.max(0, total - held.length);
        byte[] out = new byte[released];
        int fromHeld = Math.min(heldLength, released);
        System.arraycopy(held, 0, out, 0, fromHeld);
        System.arraycopy(input, offset, out, fromHeld, released - fromHeld);
        // what stays: the rest of held, then the rest of input
        byte[] keep = new byte[total - released];
        int keptFromHeld = heldLength - fromHeld;
        System.arraycopy(held, fromHeld, keep, 0, keptFromHeld);
        System.arraycopy(input, offset + (released - fromHeld), keep, keptFromHeld, keep.length - keptFromHeld);
        System.arraycopy(keep, 0, held, 0, keep.length);
        heldLength = keep.length;
        return out;
    }
}
