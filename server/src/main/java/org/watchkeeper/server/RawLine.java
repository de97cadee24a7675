package org.watchkeeper.server;

/**
 * One line as a source received it, before any decoding.
 *
 * @param source the configured source name (e.g. {@code aishub}), never null
 * @param receivedMillis the wall-clock receive time, UTC epoch milliseconds; a decoded message whose
 *        line carries no time of its own (tag block {@code c:}, {@code $PGHP}, epoch trailer) takes it
 * @param bytes the line without its line end, at most {@link LineFramer#MAX_LINE} bytes
 */
public record RawLine(String source, long receivedMillis, byte[] bytes) {
}
