package org.watchkeeper.server;

/** Where sources deliver their lines (the ingest side of the pipeline). */
public interface LineSink {
    /**
     * Offers one line.
     *
     * @param line the line
     * @param block true to wait for room (TCP and file sources: back-pressure reaches the sender);
     *        false to drop and count the line when the pipeline is full (UDP, which cannot push back)
     * @return whether the line was taken
     * @throws InterruptedException when interrupted while waiting
     */
    boolean offer(RawLine line, boolean block) throws InterruptedException;
}
