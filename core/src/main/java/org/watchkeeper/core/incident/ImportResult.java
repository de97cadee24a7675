package org.watchkeeper.core.incident;

import java.util.List;

/**
 * What an import read: the incidents made and the rows rejected.
 *
 * @param incidents the incidents, in file order
 * @param lines the 1-based physical line where each incident's row starts, in the order of {@code incidents}
 * @param rejected the rejected rows, in file order
 * @param rows data rows read (header not counted): {@code incidents.size() + rejected.size()}
 */
public record ImportResult(List<Incident> incidents, List<Long> lines, List<Rejection> rejected, long rows) {
    public ImportResult {
        incidents = List.copyOf(incidents);
        lines = List.copyOf(lines);
        rejected = List.copyOf(rejected);
        if (lines.size() != incidents.size()) {
            throw new IllegalArgumentException("one line per incident: " + lines.size() + " lines, " + incidents.size() + " incidents");
        }
    }

    /**
     * One rejected row.
     *
     * @param line the 1-based physical line of the file where the row starts
     * @param reason why it was rejected
     */
    public record Rejection(long line, String reason) {
    }
}
