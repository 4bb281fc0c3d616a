package org.imigateway.as4;

/** Thrown by a processing step that refuses a message; carries the ebMS error to answer with. */
public class EbmsException extends Exception {

    private final EbmsError error;
    private final boolean temporary;

    public EbmsException(EbmsErrorCode code, String detail) {
        this(EbmsError.of(code, detail), null);
    }

    public EbmsException(EbmsErrorCode code, String detail, Throwable cause) {
        this(EbmsError.of(code, detail), cause);
    }

    public EbmsException(EbmsError error, Throwable cause) {
        this(error, cause, false);
    }

    private EbmsException(EbmsError error, Throwable cause, boolean temporary) {
        super(error.toString(), cause);
        this.error = error;
        this.temporary = temporary;
    }

    /** A failure of ours (storage, internal), not of the message: the sender should try again. */
    public static EbmsException temporary(String detail, Throwable cause) {
        return new EbmsException(EbmsError.of(EbmsErrorCode.OTHER, detail), cause, true);
    }

    public boolean isTemporary() {
        return temporary;
    }

    public EbmsError error() {
        return error;
    }

    public EbmsErrorCode code() {
        return error.code();
    }
}
