package org.watchkeeper.core.sim;

import java.time.Instant;
import java.util.List;
import org.watchkeeper.core.detect.EventKind;

/**
 * Ground truth for one behaviour the simulator plants, for comparison with what the detectors find.
 *
 * @param kind {@link EventKind#ENCOUNTER} (rendezvous), {@link EventKind#GAP} (going dark),
 *        {@link EventKind#IDENTITY_CONFLICT}, {@link EventKind#ZONE_ENTRY} or {@link EventKind#LOITERING}
 * @param mmsis the vessels involved (for an identity conflict: the one MMSI both ships send)
 * @param start when the behaviour starts (meeting begins, transmitter switched off, impostor starts
 *        transmitting, zone boundary crossed, loitering begins), UTC
 * @param end when it ends (UTC); for a zone entry, when the vessel leaves the zone again
 * @param position where it starts
 * @param zone zone name for a zone entry, else null
 * @param description a sentence for people
 */
public record PlantedEvent(EventKind kind, List<Integer> mmsis, Instant start, Instant end, LatLon position,
                           String zone, String description) {
    public PlantedEvent {
        mmsis = List.copyOf(mmsis);
    }
}
