package org.watchkeeper.core.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last step of an import: the incidents of the rows that passed their checks made from their
 * narratives, on all cores. Reading a narrative ({@link TextRules}: type, weapons, crew harm, items
 * stolen, loss, actions) is most of an import's time, about 0.7 ms a report; each is read on its own,
 * and the incidents keep the order of their rows.
 */
final class Classifying {
    private Classifying() {
    }

    /**
     * Makes the incidents and the import's result.
     *
     * @param pending per accepted row, in row order, what makes its incident
     * @param lines the line of each accepted row, in the same order
     * @param rejected the rows rejected while reading, in line order; a row whose narrative could not be
     *     read (an {@link IllegalArgumentException}, e.g. a number too large) joins them with its reason
     * @param rows the number of rows read
     */
    static ImportResult finish(List<Supplier<Incident>> pending, List<Long> lines,
                               List<ImportResult.Rejection> rejected, long rows) {
        List<Object> made = pending.parallelStream().map(Classifying::make).toList();
        List<Incident> incidents = new ArrayList<>(made.size());
        List<Long> kept = new ArrayList<>(made.size());
        List<ImportResult.Rejection> all = new ArrayList<>(rejected);
        for (int i = 0; i < made.size(); i++) {
            if (made.get(i) instanceof Incident incident) {
                incidents.add(incident);
                kept.add(lines.get(i));
            } else {
                all.add(new ImportResult.Rejection(lines.get(i), (String) made.get(i)));
            }
        }
        if (all.size() > rejected.size()) {
            all.sort(Comparator.comparingLong(ImportResult.Rejection::line)); // stable: one rejection per line
        }
        return new ImportResult(incidents, kept, all, rows);
    }

    /** The incident, or the reason it could not be made. */
    private static Object make(Supplier<Incident> p) {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
