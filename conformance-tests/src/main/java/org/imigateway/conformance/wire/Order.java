package org.imigateway.conformance.wire;

/**
 * The order of the message-level transformations. The AS4 profile's compression feature
 * requires compress, then sign, then encrypt; the two reverse orders must be refused (TAD:
 * compression with signing and with encryption).
 */
public enum Order {
    COMPRESS_SIGN_ENCRYPT,
    /** The attachment is signed as plain content and compressed afterwards: its digest no longer matches. */
    SIGN_THEN_COMPRESS,
    /** The encrypted attachment is compressed afterwards: it cannot be decrypted. */
    ENCRYPT_THEN_COMPRESS
}
