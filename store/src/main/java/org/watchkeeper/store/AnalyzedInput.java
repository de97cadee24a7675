package org.watchkeeper.store;

import java.util.Objects;

/**
 * An input file {@code watchkeeper analyze} stored into a history store: kept so that the same file
 * analyzed into the same store again is told apart before its positions are stored a second time.
 *
 * @param fingerprint what identifies the file's content (e.g. {@code sha256:...} of its size, first and
 *                    last MiB); the key
 * @param name        the file's name as given on that command line
 * @param bytes       its size in bytes
 * @param analyzedMillis when it was analyzed, UTC epoch milliseconds (the wall clock)
 */
public record AnalyzedInput(String fingerprint, String name, long bytes, long analyzedMillis) {
    public AnalyzedInput {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(name, "name");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
        }
    }
}
