package org.watchkeeper.ais;

/**
 * Thrown when a payload cannot be decoded. Carries the {@link RejectReason} so that callers can
 * count rejections by reason. The stack trace is not filled in: this is an expected outcome on
 * real feeds, not a programming error.
 */
public final class AisDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    /**
     * @param reason why the input was rejected
     * @param detail what exactly was wrong, for the error report
     */
    public AisDecodeException(RejectReason reason, String detail) {
        super(reason.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail), null, false, false);
        this.reason = reason;
    }

    /** Why the input was rejected. */
    public RejectReason reason() {
        return reason;
    }
}
