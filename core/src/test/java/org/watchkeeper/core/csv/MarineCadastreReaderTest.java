package org.watchkeeper.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchkeeper.core.observation.Dimensions;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.observation.StationClass;
import org.watchkeeper.core.picture.VesselPicture;
import org.watchkeeper.core.picture.VesselSnapshot;
import org.watchkeeper.core.ref.LandMask;
import org.watchkeeper.core.track.NoiseReason;
import org.watchkeeper.core.track.Segment;
import org.watchkeeper.core.track.SegmentStats;
import org.watchkeeper.core.track.Tracker;
import org.watchkeeper.core.track.TrackerConfig;

/** The real MarineCadastre extract of 2022-01-03 (US waters), read whole. */
class MarineCadastreReaderTest {
    static List<Observation> all;
    static CsvReport report;

    @BeforeAll
    static void read() throws IOException {
        Path file = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/ais-csv/marinecadastre-20220103/AISdata.csv.gz");
        if (!Files.isRegularFile(file)) {
            return;
        }
        all = new ArrayList<>();
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)) {
            report = new MarineCadastreReader("AISdata.csv.gz").read(in, all::add);
        }
    }

    @Test
    void rowsAndVesselsMatchTheSourceDescription() {
        assumeTrue(all != null, "shared MarineCadastre file absent");
        assertThat(report.rows()).isEqualTo(99_999);
        assertThat(report.badRows()).isZero();
        Set<Integer> mmsis = new HashSet<>();
        long positions = 0;
        for (Observation o : all) {
            mmsis.add(o.mmsi());
            if (o instanceof PositionObservation p) {
                positions++;
                // Not-available codes never come through as numbers.
                assertThat(p.heading()).isNotEqualTo(511);
                assertThat(Double.isNaN(p.speedOverGround()) || p.speedOverGround() < 102.3).isTrue();
            }
        }
        assertThat(positions).isEqualTo(99_999);
        assertThat(mmsis).hasSize(10_631);
        assertThat(report.observations()).isEqualTo(all.size());
    }

    @Test
    void vesselsCheckedByHand() {
        assumeTrue(all != null, "shared MarineCadastre file absent");
        List<Segment> closed = new ArrayList<>();
        Tracker tracker = new Tracker(TrackerConfig.defaults(), closed::add, null);
        VesselPicture picture = new VesselPicture(tracker, 50_000);
        List<Observation> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Observation::time)); // the export is not in time order per vessel
        sorted.forEach(picture::accept);

        // HARMONY OF THE SEAS: Bahamas flag (MID 311), 20 fixes under way, 00:00:00-00:22:11.
        VesselSnapshot h = picture.get(311000396);
        assertThat(h.name()).isEqualTo("HARMONY OF THE SEAS");
        assertThat(h.imo()).isEqualTo(9682875);
        assertThat(h.callSign()).isEqualTo("C6BX8");
        assertThat(h.shipType()).isEqualTo(60);
        assertThat(h.shipTypeName()).isEqualTo("Passenger");
        assertThat(h.dimensions().length()).isEqualTo(362);
        assertThat(h.stationClass()).isEqualTo(StationClass.A);
        assertThat(h.flag().iso2()).isEqualTo("BS");
        assertThat(h.navigationStatusName()).isEqualTo("Under way using engine");
        List<Segment> segs = tracker.openSegments(311000396);
        assertThat(segs).hasSize(1);
        SegmentStats s = segs.get(0).stats();
        assertThat(s.points()).isEqualTo(20);
        assertThat(s.distanceM()).isCloseTo(11_872.7, within(1.0));
        assertThat(s.maxReportedSpeedKnots()).isEqualTo(17.6);
        assertThat(s.meanDerivedSpeedKnots()).isBetween(15.0, 18.5);

        // WHITEFISH BAY: Canadian laker (MID 316), cargo, 225 x 23 m, draught 14.8 m.
        VesselSnapshot w = picture.get(316023341);
        assertThat(w.name()).isEqualTo("WHITEFISH BAY");
        assertThat(w.imo()).isEqualTo(9639880);
        assertThat(w.flag().iso2()).isEqualTo("CA");
        assertThat(w.dimensions().length()).isEqualTo(225);
        assertThat(w.dimensions().beam()).isEqualTo(23);
        assertThat(w.dimensions().hasOffsets()).isFalse();
        assertThat(w.draught()).isEqualTo(14.8);
        assertThat(tracker.openSegments(316023341).get(0).stats().distanceM()).isCloseTo(10_188.6, within(1.0));

        // EAGLE: a moored Class A tug; 20 fixes, none lost even though the file lists them out of order.
        VesselSnapshot e = picture.get(367379190);
        assertThat(e.name()).isEqualTo("EAGLE");
        assertThat(e.imo()).isEqualTo(8207721);
        assertThat(e.callSign()).isEqualTo("WTD4583");
        assertThat(e.shipType()).isEqualTo(31);
        assertThat(e.position().heading()).isEqualTo(Observation.NOT_AVAILABLE); // 511 in the file
        assertThat(tracker.openSegments(367379190).get(0).size()).isEqualTo(20);

        // A Class B pleasure craft with no IMO and no call sign.
        VesselSnapshot c = picture.get(338148873);
        assertThat(c.name()).isEqualTo("CAZADOR");
        assertThat(c.stationClass()).isEqualTo(StationClass.B);
        assertThat(c.imo()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(c.callSign()).isNull();
        assertThat(tracker.rejected(NoiseReason.OUT_OF_ORDER)).isZero();
    }

    @Test
    void landMaskKeepsSeagoingTrafficAndShowsItsInlandWaterLimit() {
        assumeTrue(all != null, "shared MarineCadastre file absent");
        Tracker tracker = new Tracker(TrackerConfig.defaults().withLandMask(LandMask.naturalEarth10m()), null, null);
        List<Observation> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Observation::time));
        long atSeaRejected = 0;
        long onRiverRejected = 0;
        for (Observation o : sorted) {
            if (o instanceof PositionObservation p) {
                boolean ok = tracker.accept(p).accepted();
                if (!ok && (p.mmsi() == 311000396 || p.mmsi() == 255805859)) {
                    atSeaRejected++;
                }
                if (!ok && p.mmsi() == 311050800) {
                    onRiverRejected++;
                }
            }
        }
        // HARMONY OF THE SEAS and MSC ANTONELLA off the US coast: never "on land".
        assertThat(atSeaRejected).isZero();
        // NORWEGIAN BREAKAWAY is on the Mississippi below New Orleans, 22-24 km from the
        // Natural Earth coastline: all 21 fixes count as on land with the 2 km tolerance.
        assertThat(onRiverRejected).isEqualTo(21);
        // Natural Earth land does not cut out rivers, bayous and lakes: US traffic on the Mississippi,
        // the Houston Ship Channel, Louisiana waterways, Puget Sound inlets and the Great Lakes is more
        // than 2 km "inland" (38 229 of 99 999 fixes on this day). The land test is therefore off
        // by default in TrackerConfig and meant for open-sea sources.
        long onLand = tracker.rejected(NoiseReason.ON_LAND);
        assertThat(onLand).isBetween(30_000L, 45_000L);
    }

    /**
     * Length and Width of the export are the overall size: the reference point's place is not in the file,
     * so the offsets are not available (the rows are those of the file, checked by hand).
     */
    @Test
    void lengthAndWidthAreOverallSizeWithoutReferencePointOffsets() {
        assumeTrue(all != null, "shared MarineCadastre file absent");
        // 316023341,"2022-01-03T00:00:06",...,"WHITEFISH BAY","IMO9639880","CFN6287",70,0,225,23,14.8,70,"A"
        IdentityObservation w = identityAt(316023341, "2022-01-03T00:00:06Z");
        assertThat(w.name()).isEqualTo("WHITEFISH BAY");
        assertThat(w.dimensions()).isEqualTo(Dimensions.overall(225, 23));
        assertThat(w.dimensions().length()).isEqualTo(225);
        assertThat(w.dimensions().beam()).isEqualTo(23);
        assertThat(w.dimensions().hasOffsets()).isFalse();
        assertThat(new int[] {w.dimensions().toBow(), w.dimensions().toStern(), w.dimensions().toPort(),
                w.dimensions().toStarboard()}).containsOnly(Observation.NOT_AVAILABLE);
        // 338148873,"2022-01-03T00:00:00",...,"CAZADOR","","",37,,14,,,,"B": a length without a width
        IdentityObservation c = identityAt(338148873, "2022-01-03T00:00:00Z");
        assertThat(c.dimensions().length()).isEqualTo(14);
        assertThat(c.dimensions().beam()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(c.dimensions().hasOffsets()).isFalse();
        // no row of the file gives offsets
        assertThat(all).filteredOn(o -> o instanceof IdentityObservation id && id.dimensions() != null).isNotEmpty()
                .noneMatch(o -> ((IdentityObservation) o).dimensions().hasOffsets());
    }

    private static IdentityObservation identityAt(int mmsi, String time) {
        long t = java.time.Instant.parse(time).toEpochMilli();
        return all.stream().filter(o -> o instanceof IdentityObservation && o.mmsi() == mmsi && o.time() == t)
                .map(IdentityObservation.class::cast).findFirst().orElseThrow();
    }

    @Test
    void badRowsAreCountedWithLineAndReason() throws IOException {
        String csv = "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,TransceiverClass\n"
                + "367379190,2022-01-03T00:00:00,30.3706,-88.56408,102.3,360,511,EAGLE,IMO0000000,,31,,28,11,3.3,52,A\n"
                + ",2022-01-03T00:00:00,30,-88,0,0,511,,,,,,,,,,A\n"
                + "367379190,yesterday,30,-88,0,0,511,,,,,,,,,,A\n"
                + "367379190,2022-01-03T00:00:00,abc,-88,0,0,511,,,,,,,,,,A\n";
        List<Observation> out = new ArrayList<>();
        CsvReport r = new MarineCadastreReader("t").read(new StringReader(csv), out::add);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.badRows()).isEqualTo(3);
        assertThat(r.problems()).extracting(CsvReport.Problem::line).containsExactly(3L, 4L, 5L);
        assertThat(r.problems()).extracting(CsvReport.Problem::reason).containsExactly(CsvRejectReason.BAD_MMSI,
                CsvRejectReason.BAD_TIME, CsvRejectReason.BAD_FIELD);
        assertThat(r.problems()).extracting(CsvReport.Problem::detail).containsExactly("MMSI missing",
                "BaseDateTime: Text 'yesterday' could not be parsed at index 0", "LAT is not a number: 'abc'");
        assertThat(r.problems().get(2).row()).isEqualTo("367379190,2022-01-03T00:00:00,abc,-88,0,0,511,,,,,,,,,,A");
        assertThat(r.rejections()).containsOnly(Map.entry(CsvRejectReason.BAD_MMSI, 1L),
                Map.entry(CsvRejectReason.BAD_TIME, 1L), Map.entry(CsvRejectReason.BAD_FIELD, 1L));
        PositionObservation p = (PositionObservation) out.get(0);
        assertThat(p.speedOverGround()).isNaN();
        assertThat(p.courseOverGround()).isNaN();
        IdentityObservation id = (IdentityObservation) out.get(1);
        assertThat(id.imo()).isEqualTo(Observation.NOT_AVAILABLE);
        assertThat(id.draught()).isEqualTo(3.3);
        assertThat(id.dimensions()).isEqualTo(Dimensions.overall(28, 11)); // Length 28, Width 11
    }
    /** The shared file's bytes, or null (the test then skips, saying so). */
    private static byte[] sharedGzip() throws IOException {
        Path file = Path.of(System.getProperty("watchkeeper.shared", "../../shared"), "data/ais-csv/marinecadastre-20220103/AISdata.csv.gz");
        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
    }

    private static String gunzip(byte[] gz) throws IOException {
        return new String(new GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes(), StandardCharsets.UTF_8);
    }

    /**
     * A quote inside a quoted name on line 31 of the real file (USNS GUADALUPE written "BAD "X" NAME"): that
     * row is rejected with its line and why, and the other 99 998 rows are read as before. Commons
     * CSV threw "Invalid character between encapsulated token and delimiter at line: 31", which
     * ended the whole analysis.
     */
    @Test
    void aMalformedRowIsRejectedAloneAndTheRestOfTheFileIsRead() throws IOException {
        byte[] gz = sharedGzip();
        assumeTrue(gz != null, "shared MarineCadastre file absent");
        String text = gunzip(gz);
        String row31 = "367219000,\"2022-01-03T00:00:17\",32.70519,-117.18541,0,231.6,109,\"USNS GUADALUPE\",\"IMO8822442\",\"NLUP\",80,5,206,29,,89,\"A\"";
        assertThat(text).contains("\n" + row31 + "\n");
        String bad = row31.replace("\"USNS GUADALUPE\"", "\"BAD \"X\" NAME\"");
        List<Observation> out = new ArrayList<>();
        List<CsvReport.Problem> told = new ArrayList<>();
        CsvReport r = new MarineCadastreReader("t").read(new StringReader(text.replace(row31, bad)), out::add, () -> null, told::add);
        assertThat(r.rows()).isEqualTo(99_999);
        assertThat(r.badRows()).isEqualTo(1);
        assertThat(r.lines()).isEqualTo(100_000);
        CsvReport.Problem p = r.problems().get(0);
        assertThat(p.line()).isEqualTo(31);
        assertThat(p.reason()).isEqualTo(CsvRejectReason.MALFORMED_ROW);
        assertThat(p.detail()).isEqualTo("a character ('X') after the closing quote of field 8, where a comma or the end of"
                + " the row must come (a quote inside a quoted field is written twice)");
        assertThat(p.row()).isEqualTo(bad);
        assertThat(told).containsExactly(p);
        // the row gave a position and an identity before: two observations fewer, none of MMSI 367219000 at 00:00:17
        assertThat(out).hasSize(all.size() - 2);
        assertThat(out).noneMatch(o -> o.mmsi() == 367219000 && o.time() == java.time.Instant.parse("2022-01-03T00:00:17Z").toEpochMilli());
    }

    /**
     * The real file cut inside line 25 508 ({@code 368085860,"2022-01-03T00:05:19",29.5775,-90.60862,0,299.2,}
     * of a row that goes on {@code 84,"MICHAEL L.DAIGLE",...}), as its gzip cut at 1 000 000 bytes
     * inflates. Told that the input ended early, the reader rejects that row as CUT_SHORT (it was a
     * vessel of class unknown before); not told (a plain file cut short), it rejects it for its 7
     * fields of 17. Either way the 25 506 rows before it are read.
     */
    @Test
    void theLastRowOfAnInputCutShortIsRejected() throws IOException {
        byte[] gz = sharedGzip();
        assumeTrue(gz != null, "shared MarineCadastre file absent");
        String text = gunzip(gz);
        String partial = "368085860,\"2022-01-03T00:05:19\",29.5775,-90.60862,0,299.2,";
        String cut = text.substring(0, text.indexOf("\n" + partial + "84,") + 1 + partial.length());
        List<Observation> out = new ArrayList<>();
        CsvReport r = new MarineCadastreReader("t").read(new StringReader(cut), out::add,
                () -> "Unexpected end of ZLIB input stream", null);
        assertThat(r.lines()).isEqualTo(25_508);
        assertThat(r.rows()).isEqualTo(25_507);
        assertThat(r.badRows()).isEqualTo(1);
        assertThat(r.problems()).containsExactly(new CsvReport.Problem(25_508, CsvRejectReason.CUT_SHORT,
                "the input ends early (Unexpected end of ZLIB input stream) in this row", partial));
        assertThat(out).noneMatch(o -> o.mmsi() == 368085860 && o.time() == java.time.Instant.parse("2022-01-03T00:05:19Z").toEpochMilli());
        assertThat(out).allMatch(o -> o.classEvidence() != StationClass.UNKNOWN);

        CsvReport plain = new MarineCadastreReader("t").read(new StringReader(cut), o -> { });
        assertThat(plain.problems()).extracting(CsvReport.Problem::line, CsvReport.Problem::reason, CsvReport.Problem::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(25_508L, CsvRejectReason.FIELD_COUNT,
                        "7 fields where the header has 17 (a row cut short?)"));
        // the input whole up to a line end: nothing rejected, whether told it was cut or not
        CsvReport atLineEnd = new MarineCadastreReader("t").read(new StringReader(cut.substring(0, cut.length() - partial.length())),
                o -> { }, () -> "Unexpected end of ZLIB input stream", null);
        assertThat(atLineEnd.rows()).isEqualTo(25_506);
        assertThat(atLineEnd.badRows()).isZero();
    }
}
