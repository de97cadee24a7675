package org.watchkeeper.core.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.geo.Geodesy;
import org.watchkeeper.core.sharing.Marking;
import org.watchkeeper.core.sharing.Tlp;

class SameIncidentTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Incident report(String id, String time, double lat, double lon, String source, int imo) {
        VictimVessel v = new VictimVessel(null, imo, 0, null, null, VesselStatus.ANCHORED, null);
        return new Incident(id, Instant.parse(time), false, lat, lon, null, IncidentType.ROBBERY, v, null, null, null, null, null,
                List.of(), source, null, null, null, new Marking(Tlp.GREEN, "host", Set.of(), Set.of()), "import", T, T);
    }

    @Test
    void theSameNightReportedByTwoCentresNearbyMatches() {
        Incident asam = report("a", "2019-12-22T00:00:00Z", 1.2595, 104.116833, "NGA ASAM", 0);
        Incident imb = report("b", "2019-12-22T17:20:00Z", 1.265833, 104.116944, "IMB PRC", 0);
        List<SameIncident.Match> m = SameIncident.among(asam, List.of(asam, imb));
        assertThat(m).hasSize(1);
        assertThat(m.get(0).incident().id()).isEqualTo("b");
        assertThat(m.get(0).distanceKm()).isCloseTo(0.7043, within(0.001));
        assertThat(m.get(0).daysApart()).isZero();
        // a night attack on the next UTC date
        assertThat(SameIncident.likely(asam, report("c", "2019-12-23T01:00:00Z", 1.26, 104.12, "IMB PRC", 0))).isTrue();
    }

    @Test
    void lookAlikesDoNotMatch() {
        Incident a = report("a", "2019-12-22T00:00:00Z", 1.2595, 104.116833, "NGA ASAM", 9_074_729);
        // one centre's two reports are two incidents
        assertThat(SameIncident.likely(a, report("b", "2019-12-22T03:00:00Z", 1.26, 104.12, "nga asam", 0))).isFalse();
        // two UTC dates apart
        assertThat(SameIncident.likely(a, report("c", "2019-12-24T00:30:00Z", 1.26, 104.12, "IMB PRC", 0))).isFalse();
        assertThat(SameIncident.likely(a, report("c", "2019-12-20T23:30:00Z", 1.26, 104.12, "IMB PRC", 0))).isFalse();
        // 25 km away
        double[] far = Geodesy.destination(1.2595, 104.116833, 90, 25_000);
        assertThat(SameIncident.likely(a, report("d", "2019-12-22T03:00:00Z", far[0], far[1], "IMB PRC", 0))).isFalse();
        double[] near = Geodesy.destination(1.2595, 104.116833, 90, 19_000);
        assertThat(SameIncident.likely(a, report("d", "2019-12-22T03:00:00Z", near[0], near[1], "IMB PRC", 0))).isTrue();
        // another ship by its IMO number
        assertThat(SameIncident.likely(a, report("e", "2019-12-22T03:00:00Z", 1.26, 104.12, "IMB PRC", 9_390_305))).isFalse();
        assertThat(SameIncident.likely(a, report("e", "2019-12-22T03:00:00Z", 1.26, 104.12, "IMB PRC", 9_074_729))).isTrue();
        // itself
        assertThat(SameIncident.likely(a, a)).isFalse();
    }

    @Test
    void acrossTheAntimeridianAndItsSearchBox() {
        Incident a = report("a", "2019-12-22T00:00:00Z", -17.0, 179.95, "NGA ASAM", 0);
        Incident b = report("b", "2019-12-22T05:00:00Z", -17.0, -179.95, "IMB PRC", 0);
        assertThat(SameIncident.among(a, List.of(b)).get(0).distanceKm()).isCloseTo(10.63, within(0.01));
        double[] box = SameIncident.box(a);
        // minLon > maxLon: the box crosses 180°, and holds b
        assertThat(box[1]).isGreaterThan(box[3]);
        assertThat(box[0]).isCloseTo(-17.18, within(0.001));
        assertThat(box[3]).isGreaterThan(-179.95);
        assertThat(SameIncident.windowStartMillis(a)).isEqualTo(Instant.parse("2019-12-21T00:00:00Z").toEpochMilli());
        assertThat(SameIncident.windowEndMillis(a)).isEqualTo(Instant.parse("2019-12-23T23:59:59.999Z").toEpochMilli());
    }

    /**
     * The NGA ASAM and crime-at-sea (IMB PRC, Mapping Piracy) datasets side by side: 4 957 of the 8 640
     * ASAM reports have a possible match, 4 461 exactly one. Checked by hand: ASAM 2020-171 (bulk
     * carrier underway, 22 December 2019, 1°15.57'N 104°07.01'E) is IMB's bulk carrier steaming at
     * 17:20 UTC that day 0.70 km away; the second candidate, a crude oil tanker attacked 3.9 km away that
     * night, is another attack, which is why a match is a hint for the analyst and never a merge.
     */
    @Test
    void asamAndImbReportsOfOneAttack() throws IOException {
        List<Incident> asam = ImportersTest.asam().incidents();
        List<Incident> imb = new ArrayList<>(ImportersTest.imb().incidents());
        imb.sort(Comparator.comparing(Incident::time));
        int one = 0;
        int more = 0;
        int pairs = 0;
        List<SameIncident.Match> of171 = null;
        for (Incident a : asam) {
            List<Incident> window = new ArrayList<>();
            for (Incident b : imb) {
                if (b.time().toEpochMilli() >= SameIncident.windowStartMillis(a) && b.time().toEpochMilli() <= SameIncident.windowEndMillis(a)) {
                    window.add(b);
                }
            }
            List<SameIncident.Match> m = SameIncident.among(a, window);
            pairs += m.size();
            one += m.size() == 1 ? 1 : 0;
            more += m.size() > 1 ? 1 : 0;
            if (a.id().equals("asam-2020-171")) {
                of171 = m;
            }
        }
        assertThat(asam).hasSize(8640);
        assertThat(imb).hasSize(7490);
        assertThat(one).isEqualTo(4461);
        assertThat(more).isEqualTo(496);
        assertThat(pairs).isEqualTo(5544);
        assertThat(of171).hasSize(2);
        assertThat(of171.get(0).incident().id()).isEqualTo("imb-7ee83ff2681dd1e6");
        assertThat(of171.get(0).incident().time()).isEqualTo(Instant.parse("2019-12-22T17:20:00Z"));
        assertThat(of171.get(0).distanceKm()).isCloseTo(0.704, within(0.001));
        // and, further, another attack of that night: IMB's crude oil tanker at 16:00 UTC, 3.9 km away
        assertThat(of171.get(1).incident().id()).isEqualTo("imb-73edcf96dd6634eb");
        assertThat(of171.get(1).distanceKm()).isCloseTo(3.871, within(0.001));
    }
}
