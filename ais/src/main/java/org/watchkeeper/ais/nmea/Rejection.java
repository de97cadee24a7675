package org.watchkeeper.ais.nmea;

import org.watchkeeper.ais.RejectReason;

/**
 * One rejected input line. A multi-sentence message that cannot be completed or decoded gives one
 * rejection per line it used, all with the same reason, so that every input line is counted once.
 *
 * @param reason why the line was rejected
 * @param detail what exactly was wrong, for the error report (never null, may be empty)
 * @param lineNumber 1-based line number in the input stream
 * @param line the original line as received, without its line terminator, decoded as ISO-8859-1
 *        (so every byte maps to one char); cut to {@link Options#maxLineLength()} characters for
 *        {@link RejectReason#LINE_TOO_LONG}
 */
public record Rejection(RejectReason reason, String detail, long lineNumber, String line) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + reason.description() + (detail.isEmpty() ? "" : " (" + detail + ")") + ": " + line;
    }
}
