package org.imigateway.as4;

/** The ebMS 3.0 error codes (core spec, section 6.7) with their short names. */
public enum EbmsErrorCode {
    VALUE_NOT_RECOGNIZED("EBMS:0001", "ValueNotRecognized", "Content"),
    FEATURE_NOT_SUPPORTED_WARNING("EBMS:0002", "FeatureNotSupported", "Content"),
    VALUE_INCONSISTENT("EBMS:0003", "ValueInconsistent", "Content"),
    OTHER("EBMS:0004", "Other", "Content"),
    CONNECTION_FAILURE("EBMS:0005", "ConnectionFailure", "Communication"),
    MIME_INCONSISTENCY("EBMS:0007", "MimeInconsistency", "Unpackaging"),
    FEATURE_NOT_SUPPORTED("EBMS:0008", "FeatureNotSupported", "Unpackaging"),
    INVALID_HEADER("EBMS:0009", "InvalidHeader", "Unpackaging"),
    PROCESSING_MODE_MISMATCH("EBMS:0010", "ProcessingModeMismatch", "Processing"),
    EXTERNAL_PAYLOAD_ERROR("EBMS:0011", "ExternalPayloadError", "Content"),
    FAILED_AUTHENTICATION("EBMS:0101", "FailedAuthentication", "Processing"),
    FAILED_DECRYPTION("EBMS:0102", "FailedDecryption", "Processing"),
    POLICY_NONCOMPLIANCE("EBMS:0103", "PolicyNoncompliance", "Processing"),
    DYSFUNCTIONAL_RELIABILITY("EBMS:0201", "DysfunctionalReliability", "Processing"),
    DELIVERY_FAILURE("EBMS:0202", "DeliveryFailure", "Communication"),
    MISSING_RECEIPT("EBMS:0301", "MissingReceipt", "Communication"),
    INVALID_RECEIPT("EBMS:0302", "InvalidReceipt", "Communication"),
    DECOMPRESSION_FAILURE("EBMS:0303", "DecompressionFailure", "Content");

    private final String code;
    private final String shortName;
    private final String category;

    EbmsErrorCode(String code, String shortName, String category) {
        this.code = code;
        this.shortName = shortName;
        this.category = category;
    }

    public String code() {
        return code;
    }

    public String shortName() {
        return shortName;
    }

    public String category() {
        return category;
    }

    /** EBMS:0002 is the only warning of the core set; every other code fails the message. */
    public String severity() {
        return this == FEATURE_NOT_SUPPORTED_WARNING ? "warning" : "failure";
    }

    public static java.util.Optional<EbmsErrorCode> fromCode(String code) {
        for (EbmsErrorCode value : values()) {
            if (value.code.equals(code)) {
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }
}
