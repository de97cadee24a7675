package org.watchkeeper.core.detect.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.watchkeeper.core.detect.identity.AisScript.min;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.detect.DetectionEngine;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.identity.AisScript;

class WatchlistDetectorTest {
    static final Watchlist LIST = Watchlist.parse(List.of(
            "# vessels of interest",
            "mmsi 232000011 | sanctions list 2024-03",
            "imo 9074729",
            "name Ever-Given | grounding",
            ""));

    @Test
    void normalisedNames() {
        assertThat(Watchlist.normaliseName("  ever-given@@ ")).isEqualTo("EVER GIVEN");
        assertThat(Watchlist.normaliseName("M/V  Ever\tGiven")).isEqualTo("M V EVER GIVEN");
        assertThat(LIST.matchName("EVER GIVEN")).isEqualTo("EVER GIVEN");
        assertThat(LIST.matchName("EVERGIVEN")).isNull();
        assertThat(LIST.size()).isEqualTo(3);
        assertThatThrownBy(() -> Watchlist.parse(List.of("callsign ABCD"))).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Watchlist.parse(List.of("mmsi 219000895", "mmsi abc")))
                .hasMessage("watchlist line 2: mmsi must be an MMSI, digits only: abc: mmsi abc");
        assertThatThrownBy(() -> Watchlist.parse(List.of("mmsi 2190008951")))
                .hasMessage("watchlist line 1: mmsi 2190008951 is above 1073741823, the largest MMSI an AIS message can carry: mmsi 2190008951");
        assertThatThrownBy(() -> Watchlist.parse(List.of("mmsi -5"))).hasMessageContaining("digits only: -5");
        assertThatThrownBy(() -> Watchlist.parse(List.of("mmsi 000000000"))).hasMessageContaining("mmsi 0 is the placeholder");
        // a station sending a 10-digit MMSI (kept and flagged) can be listed, up to the largest the AIS field carries
        Watchlist ten = Watchlist.parse(List.of("mmsi 1000873988 | ten digits", "mmsi 1073741823"));
        assertThat(ten.mmsi(1000873988)).isEqualTo("ten digits");
        assertThat(ten.mmsi(1073741823)).isEqualTo("");
        assertThat(ten.size()).isEqualTo(2);
        assertThatThrownBy(() -> Watchlist.parse(List.of("imo 90747290"))).hasMessageContaining("an IMO number is 7 digits, not '90747290'");
        assertThatThrownBy(() -> Watchlist.parse(List.of("imo 0"))).hasMessageContaining("an IMO number is 7 digits, not 0");
        // an IMO number as registries print it
        assertThat(Watchlist.parse(List.of("imo IMO 9239185 | as printed", "IMO imo9074729")).imo(9_239_185)).isEqualTo("as printed");
        assertThat(Watchlist.parse(List.of("IMO imo9074729")).imo(9_074_729)).isEqualTo("");
        assertThatThrownBy(() -> Watchlist.parse(List.of("imo IMO"))).hasMessageContaining("an IMO number is 7 digits, not ''");
        // a base station's MMSI written with its leading zeros is the same entry as without them
        assertThat(Watchlist.parse(List.of("mmsi 002190047")).mmsi(2190047)).isEqualTo("");
    }

    @Test
    void twoListsTogether() {
        Watchlist other = Watchlist.parse(List.of("mmsi 232000011 | other note", "mmsi 232000012", "name EVER GIVEN", "imo 9074729 | dry dock"));
        Watchlist both = LIST.plus(other);
        assertThat(both.size()).isEqualTo(4);
        assertThat(both.mmsi(232_000_011)).isEqualTo("sanctions list 2024-03");
        assertThat(both.mmsi(232_000_012)).isEmpty();
        assertThat(both.imo(9_074_729)).isEqualTo("dry dock"); // the first list's note was empty
        assertThat(both.nameNote("EVER GIVEN")).isEqualTo("grounding");
        assertThat(LIST.size()).isEqualTo(3); // unchanged
    }

    static AisScript traffic() {
        AisScript s = new AisScript();
        long day = 86_400_000L;
        // listed MMSI: fixes on two UTC days (T0 is 2023-11-14T22:13:20Z)
        s.position(min(0), 232_000_011, 51.0, 1.5);
        s.position(min(30), 232_000_011, 51.0, 1.6);
        s.position(min(120), 232_000_011, 51.0, 1.7); // 00:13 on the 15th: a new day
        // IMO listed: the first position after the type 5 is activity
        s.position(min(1), 235_000_001, 52.0, 2.0);
        s.staticData(min(2), 235_000_001, 9074729, "GBXX", "SOMETHING");
        s.position(min(3), 235_000_001, 52.0, 2.01);
        s.position(min(4), 235_000_001, 52.0, 2.02);
        // name listed (another spelling)
        s.staticData(min(5), 235_000_002, 1234567, "GBYY", "EVER GIVEN");
        s.position(min(6), 235_000_002, 53.0, 3.0);
        // the name changes: no longer listed
        s.staticData(min(7 + 24 * 60), 235_000_002, 1234567, "GBYY", "EVER GREEN");
        s.position(min(8 + 24 * 60), 235_000_002, 53.0, 3.1);
        // look-alike: similar name, other IMO
        s.staticData(min(5), 235_000_003, 9074731, "GBZZ", "EVER GIVING");
        s.position(min(6), 235_000_003, 54.0, 3.0);
        assertThat(day).isPositive();
        return s;
    }

    @Test
    void oncePerVesselPerUtcDayWithTheMatchedEntry() {
        var obs = traffic().accepted();
        obs.sort(java.util.Comparator.comparingLong(o -> o.time()));
        List<Event> events = AisScript.run(obs, WatchlistDetector.withDefaults(LIST)).stream()
                .filter(e -> e.kind() == org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY).toList();
        assertThat(events).extracting(e -> e.vessels().get(0), Event::start, e -> e.attributes().get("matched"))
                .containsExactly(
                        tuple(232_000_011, min(0), List.of("mmsi:232000011")),
                        tuple(235_000_001, min(3), List.of("imo:9074729")),
                        tuple(235_000_002, min(6), List.of("name:EVER GIVEN")),
                        tuple(232_000_011, min(120), List.of("mmsi:232000011")));
        assertThat(events.get(0).attributes()).containsEntry("note", List.of("sanctions list 2024-03"))
                .containsEntry("period_start", "2023-11-14T00:00:00Z");
        assertThat(events.get(3).attributes()).containsEntry("period_start", "2023-11-15T00:00:00Z");
        assertThat(events.get(2).latitude()).isEqualTo(53.0);
        assertThat(events.get(2).evidence()).hasSize(1);
    }

    /**
     * A listed vessel silent for the threshold (1 h by default) is an episode under way from the watermark
     * on, and a watchlist_gap event from its last fix to the next once heard again; 0 turns it off.
     */
    @Test
    void aListedVesselSilentForTheThresholdIsAWatchlistGap() {
        var obs = traffic().accepted();
        obs.sort(java.util.Comparator.comparingLong(o -> o.time()));
        List<Event> gaps = AisScript.run(obs, WatchlistDetector.withDefaults(LIST)).stream()
                .filter(e -> e.kind() == org.watchkeeper.core.detect.EventKind.WATCHLIST_GAP).toList();
        // 232000011: fixes at 0, 30 and 120 min: silent 90 min from the fix at 30 min (the 30-min one is too short)
        assertThat(gaps).extracting(e -> e.vessels().get(0), Event::start, Event::end)
                .containsExactly(tuple(232_000_011, min(30), min(120)));
        Event g = gaps.get(0);
        assertThat(g.attributes()).containsEntry("duration_h", 1.5).containsEntry("matched", List.of("mmsi:232000011"))
                .containsEntry("note", List.of("sanctions list 2024-03")).containsEntry("end_lat", 51.0).containsEntry("end_lon", 1.7);
        // 0.1 degree of longitude at 51 N: 3.775 nm
        assertThat((Double) g.attributes().get("distance_nm")).isCloseTo(3.775, org.assertj.core.data.Offset.offset(0.01));
        assertThat(g.parameters()).containsEntry("silence_s", 3600L);
        assertThat(g.latitude()).isEqualTo(51.0);
        assertThat(g.longitude()).isEqualTo(1.6);
        assertThat(g.evidence()).extracting(p -> p.time()).containsExactly(min(30), min(120));

        // under way: by the time the watermark is 60 min past the fix at 30 min, before the vessel is heard again
        List<Event> out = new java.util.ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(WatchlistDetector.withDefaults(LIST)), out::add, 0);
        AisScript other = new AisScript();
        other.position(min(0), 232_000_011, 51.0, 1.5);
        other.position(min(30), 232_000_011, 51.0, 1.6);
        other.position(min(89), 244_000_001, 52.0, 4.0); // another vessel moves the watermark
        var first = other.accepted();
        first.forEach(e::accept);
        List<Event> open = new java.util.ArrayList<>();
        e.ongoing(open::add);
        assertThat(open).isEmpty(); // 59 min
        AisScript later = new AisScript();
        later.position(min(91), 244_000_001, 52.0, 4.01);
        later.accepted().forEach(e::accept);
        e.ongoing(open::add);
        assertThat(open).extracting(Event::kind, Event::start, Event::end)
                .containsExactly(tuple(org.watchkeeper.core.detect.EventKind.WATCHLIST_GAP, min(30), min(91) - 1)); // the watermark
        assertThat(open.get(0).attributes()).doesNotContainKey("distance_nm").containsEntry("mmsi", "232000011");
        assertThat(open.get(0).id()).isEqualTo(g.id()); // the same episode's id as the event it becomes

        // off
        assertThat(AisScript.run(obs, new WatchlistDetector(LIST, WatchlistDetector.Config.defaults().withSilence(0))))
                .noneMatch(x -> x.kind() == org.watchkeeper.core.detect.EventKind.WATCHLIST_GAP);
        assertThatThrownBy(() -> WatchlistDetector.Config.defaults().withSilence(-1)).hasMessage("silence must be >= 0 ms (0: off): -1");
    }

    /**
     * The list changes while a listed vessel is silent (another vessel is added): the engine of the new
     * list carries the vessel's state over, so its silence under way goes on and becomes the event when
     * it is heard again, and it is not alerted again the same day. An engine started afresh loses both.
     */
    @Test
    void aSilenceUnderWayGoesOnWhenTheListChanges() {
        Watchlist more = LIST.plus(Watchlist.parse(List.of("mmsi 232000012")));
        AisScript before = new AisScript();
        before.position(min(0), 232_000_011, 51.0, 1.5);
        before.position(min(30), 232_000_011, 51.0, 1.6);
        before.position(min(40), 244_000_001, 52.0, 4.0); // unlisted
        AisScript after = new AisScript();
        after.position(min(95), 232_000_012, 50.0, 1.0);
        after.position(min(100), 232_000_011, 51.0, 1.7); // 23:53, the day of the fix at 0

        List<Event> out = new java.util.ArrayList<>();
        DetectionEngine first = new DetectionEngine(List.of(WatchlistDetector.withDefaults(LIST)), out::add, 0);
        before.accepted().forEach(first::accept);
        DetectionEngine carried = new DetectionEngine(List.of(WatchlistDetector.withDefaults(more)), out::add, 0);
        carried.carryOver(first);
        assertThat(carried.watermark()).isEqualTo(first.watermark());
        assertThat(carried.keyCounts()).containsEntry("watchlist", 1); // 232000011; the unlisted vessel had no state
        AisScript tick = new AisScript();
        tick.position(min(95), 232_000_012, 50.0, 1.0);
        tick.accepted().forEach(carried::accept);
        List<Event> open = new java.util.ArrayList<>();
        carried.ongoing(open::add);
        assertThat(open).extracting(e -> e.vessels().get(0), Event::kind, Event::start, Event::end)
                .containsExactly(tuple(232_000_011, org.watchkeeper.core.detect.EventKind.WATCHLIST_GAP, min(30), min(95) - 1));
        AisScript heard = new AisScript();
        heard.position(min(100), 232_000_011, 51.0, 1.7);
        heard.accepted().forEach(carried::accept);
        assertThat(out).extracting(e -> e.vessels().get(0), Event::kind, Event::start, Event::end).containsExactly(
                tuple(232_000_011, org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY, min(0), min(0)),
                tuple(232_000_012, org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY, min(95), min(95)),
                tuple(232_000_011, org.watchkeeper.core.detect.EventKind.WATCHLIST_GAP, min(30), min(100)));
        assertThat(out.get(2).id()).isEqualTo(open.get(0).id());
        assertThat(out.get(2).parameters()).containsEntry("entries", 4);

        // started afresh: no gap, and the vessel alerted again the same day
        List<Event> fresh = new java.util.ArrayList<>();
        DetectionEngine again = new DetectionEngine(List.of(WatchlistDetector.withDefaults(more)), fresh::add, 0);
        after.accepted().forEach(again::accept);
        assertThat(fresh).extracting(e -> e.vessels().get(0), Event::kind, Event::start).containsExactly(
                tuple(232_000_012, org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY, min(95)),
                tuple(232_000_011, org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY, min(100)));

        // a vessel no longer listed is not carried over
        DetectionEngine fewer = new DetectionEngine(List.of(WatchlistDetector.withDefaults(
                Watchlist.parse(List.of("mmsi 232000012")))), e -> { }, 0);
        fewer.carryOver(first);
        assertThat(fewer.keyCounts()).containsEntry("watchlist", 0);
        assertThatThrownBy(() -> carried.carryOver(first)).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A vessel that reported its IMO number or name before the list held it matches at its next position
     * once the list changes, not only after its next static report (six minutes for a ship, hours apart in
     * a satellite feed); one that reported neither is not kept.
     */
    @Test
    void aVesselNewlyListedByImoOrNameMatchesAtItsNextPosition() {
        AisScript before = new AisScript();
        before.staticData(min(0), 235_000_002, 1234567, "GBYY", "EVER GIVEN");
        before.position(min(1), 235_000_002, 53.0, 3.0);
        before.staticData(min(0), 235_000_004, 9319466, "GBWW", "OTHER SHIP");
        before.position(min(1), 235_000_004, 54.0, 3.0);
        before.position(min(1), 244_000_001, 52.0, 4.0); // no identity: no state
        List<Event> out = new java.util.ArrayList<>();
        Watchlist empty = Watchlist.parse(List.of());
        DetectionEngine first = new DetectionEngine(List.of(WatchlistDetector.withDefaults(empty)), out::add, 0);
        before.accepted().forEach(first::accept);
        assertThat(out).isEmpty();
        assertThat(first.keyCounts()).containsEntry("watchlist", 2);

        DetectionEngine listed = new DetectionEngine(List.of(WatchlistDetector.withDefaults(
                Watchlist.parse(List.of("name Ever Given", "imo IMO 9319466 | by registry number")))), out::add, 0);
        listed.carryOver(first);
        AisScript after = new AisScript();
        after.position(min(2), 235_000_002, 53.0, 3.01);
        after.position(min(2), 235_000_004, 54.0, 3.01);
        after.position(min(2), 244_000_001, 52.0, 4.01);
        after.accepted().forEach(listed::accept);
        assertThat(out).extracting(e -> e.vessels().get(0), Event::kind, Event::start, e -> e.attributes().get("matched"))
                .containsExactly(
                        tuple(235_000_002, org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY, min(2), List.of("name:EVER GIVEN")),
                        tuple(235_000_004, org.watchkeeper.core.detect.EventKind.WATCHLIST_ACTIVITY, min(2), List.of("imo:9319466")));

        // taken off the list again: no silence is watched, the identity stays for the next list
        DetectionEngine off = new DetectionEngine(List.of(WatchlistDetector.withDefaults(empty)), out::add, 0);
        off.carryOver(listed);
        List<Event> open = new java.util.ArrayList<>();
        AisScript later = new AisScript();
        later.position(min(200), 244_000_001, 52.0, 4.02);
        later.accepted().forEach(off::accept);
        off.ongoing(open::add);
        assertThat(open).isEmpty();
        assertThat(off.keyCounts()).containsEntry("watchlist", 2);
    }

    @Test
    void sameEventsChunkedAndStateOnlyForListedVessels() {
        AisScript s = traffic();
        var obs = s.accepted();
        obs.sort(java.util.Comparator.comparingLong(o -> o.time()));
        // chunked replay of a time-ordered text
        AisScript ordered = new AisScript();
        List<Event> whole = AisScript.run(obs, WatchlistDetector.withDefaults(LIST));
        List<Event> out = new java.util.ArrayList<>();
        DetectionEngine e = new DetectionEngine(List.of(WatchlistDetector.withDefaults(LIST)), out::add, 0);
        for (int i = 0; i < obs.size(); i += 3) {
            obs.subList(i, Math.min(obs.size(), i + 3)).forEach(e::accept);
        }
        e.finish();
        assertThat(out).isEqualTo(whole);
        // 232000011 and 235000001 watched; 235000002 (no longer listed) and 235000003 keep only their reported identity
        assertThat(e.keyCounts().get("watchlist")).isEqualTo(4);
        assertThat(ordered.text()).isEmpty();
    }
}
