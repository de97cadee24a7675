package org.watchkeeper.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.watchkeeper.core.incident.ImportResult;
import org.watchkeeper.core.incident.Incident;
import org.watchkeeper.store.HistoryStore;
import org.watchkeeper.store.IncidentQuery;
import org.watchkeeper.store.IncidentRow;

/**
 * Stores what an import read (the {@code POST /api/incidents/import} route, {@code serve --incidents}
 * and {@code incidents import} alike) without undoing what was decided about reports already held.
 * Imported ids are stable ({@code asam-<reference>}, {@code imb-<row hash>}), so a row may name a report
 * that is already stored:
 * <ul>
 *   <li>one owned by another organisation is not touched: the row is rejected, naming the id;</li>
 *   <li>one of the importing organisation takes the row's report fields (time, place, type, victim,
 *       perpetrators, weapons, crew harm, items stolen, loss, actions, source, reference, narrative),
 *       and keeps its marking (TLP, sharing, recipients, owner), creator, creation time and category
 *       override: those are decisions made here after the import, which the dataset knows nothing of;</li>
 *   <li>a row that changes none of those fields leaves the report as it is (not even its update time).</li>
 * </ul>
 * A partner organisation's import keeps its reports apart: their ids are the dataset's prefixed with the
 * organisation's id and a dot ({@code mrcc-north.asam-2022-146}), so that a partner that imports a public
 * dataset first cannot take the ids of the host's later import of it (nor the host a partner's).
 */
public final class IncidentImport {
    /** Reason of a row naming a report another organisation owns (after the id). */
    public static final String OWNED_ELSEWHERE = "is owned by another organisation; the import does not change it";

    /** Imports of up to this many reports look each id up; larger ones read the held reports first. */
    static final int POINT_LOOKUPS = 200;

    private IncidentImport() {
    }

    /**
     * What an import stored.
     *
     * @param imported reports new to the store
     * @param updated reports of the importer's organisation whose report fields the rows changed, as stored now
     * @param previous the versions of {@code updated} stored before, in the same order
     * @param unchanged rows that matched a stored report of the importer's organisation field for field
     * @param rejected the rows the importer rejected and those naming another organisation's report, by line
     */
    public record Outcome(List<Incident> imported, List<Incident> updated, List<Incident> previous, int unchanged,
                          List<ImportResult.Rejection> rejected) {
    }

    /**
     * Stores what {@code res} read for organisation {@code org}, as the class describes.
     *
     * @param store the incident store
     * @param res what the importer read (its incidents owned by {@code org})
     * @param org the importing organisation
     * @param host whether {@code org} is a host organisation (else its reports' ids are prefixed, {@link #partnerId})
     * @param now the time of the import (the update time of changed reports)
     * @return what was stored
     */
    public static Outcome merge(HistoryStore store, ImportResult res, String org, boolean host, Instant now) {
        if (!host) {
            List<Incident> own = new ArrayList<>(res.incidents().size());
            for (Incident i : res.incidents()) {
                own.add(i.withId(partnerId(org, i.id())));
            }
            res = new ImportResult(own, res.lines(), res.rejected(), res.rows());
        }
        List<Incident> imported = new ArrayList<>();
        List<Incident> updated = new ArrayList<>();
        List<Incident> previous = new ArrayList<>();
        List<ImportResult.Rejection> rejected = new ArrayList<>(res.rejected());
        int unchanged = 0;
        List<IncidentRow> rows = new ArrayList<>();
        // a large file (a whole dataset, at every start of serve --incidents) reads the held reports at once
        Map<String, IncidentRow> all = null;
        if (res.incidents().size() > POINT_LOOKUPS) {
            all = new HashMap<>();
            for (IncidentRow r : store.incidents(IncidentQuery.all())) {
                all.put(r.id(), r);
            }
        }
        for (int k = 0; k < res.incidents().size(); k++) {
            Incident in = res.incidents().get(k);
            Optional<IncidentRow> held = all != null ? Optional.ofNullable(all.get(in.id())) : store.incident(in.id());
            if (held.isEmpty()) {
                imported.add(in);
                rows.add(IncidentApi.row(in));
                continue;
            }
            Incident old = IncidentApi.incident(held.get());
            if (!org.equals(old.marking().ownerOrg())) {
                rejected.add(new ImportResult.Rejection(res.lines().get(k), "incident " + in.id() + " " + OWNED_ELSEWHERE));
                continue;
            }
            // compared as stored (JSON), the form both versions have been through
            if (IncidentApi.incident(IncidentApi.row(reportFields(old, in, old.updated()))).equals(old)) {
                unchanged++;
                continue;
            }
            Incident merged = reportFields(old, in, now);
            updated.add(merged);
            previous.add(old);
            rows.add(IncidentApi.row(merged));
        }
        if (!rows.isEmpty()) {
            store.upsertIncidents(rows);
        }
        rejected.sort(Comparator.comparingLong(ImportResult.Rejection::line));
        return new Outcome(imported, updated, previous, unchanged, rejected);
    }

    /** The id of a partner organisation's imported report: {@code org.id}. */
    public static String partnerId(String org, String id) {
        return org + "." + id;
    }

    /** {@code old} with the report fields of {@code in}, keeping its marking, creator, times and override. */
    static Incident reportFields(Incident old, Incident in, Instant updated) {
        return new Incident(old.id(), in.time(), in.dateOnly(), in.lat(), in.lon(), in.place(), in.type(), in.victim(),
                in.perpetrators(), in.weapons(), in.crewHarm(), in.itemsStolen(), in.loss(), in.actionsTaken(), in.source(),
                in.reference(), in.narrative(), old.categoryOverride(), old.marking(), old.createdBy(), old.created(), updated,
                in.localTime());
    }
}
