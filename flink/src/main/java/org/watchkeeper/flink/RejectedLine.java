package org.watchkeeper.flink;

import java.io.Serializable;
import org.watchkeeper.ais.RejectReason;
import org.watchkeeper.ais.nmea.Rejection;

/**
 * A line the framing rejected, for the job's rejects topic ({@code topic.rejects}): what
 * {@code watchkeeper decode --errors FILE} writes for a file, per source.
 *
 * @param source the source key the line came under (the Kafka record's key, else its tag block {@code s:})
 * @param reason why, as {@code decode --errors} and {@code summary.json}'s {@code rejected_by_reason} name it
 *        ({@link RejectReason#code()}, e.g. {@code bad_checksum})
 * @param detail what exactly was wrong (may be empty)
 * @param line the rejected line as the decoder saw it: at most {@link org.watchkeeper.ais.nmea.Options#maxLineLength()}
 *        bytes, a longer line being cut there ({@code LINE_TOO_LONG}); for {@code INCOMPLETE_MESSAGE}
 *        and {@code ORPHAN_FRAGMENT} the fragment that was left over
 */
public record RejectedLine(String source, RejectReason reason, String detail, String line) implements Serializable {
    /** The rejection {@code r} of a line of {@code source}. */
    static RejectedLine of(String source, Rejection r) {
        return new RejectedLine(source, r.reason(), r.detail() == null ? "" : r.detail(), r.line() == null ? "" : r.line());
    }
}
