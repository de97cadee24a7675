package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watchkeeper query} against a DuckDB store written by {@code analyze} from a real log. */
class QueryCommandTest {
    @TempDir
    Path tmp;

    private String data() {
        return Cli.analyzedInto(tmp, "data/ais/dma-aisabnormal/212123000_drift_1.ais");
    }

    /**
     * A data folder written with {@code .} and {@code ..} segments through a folder that does not exist
     * ({@code nowhere/../data}) is the folder itself for analyze and query alike, and the messages name it
     * normalised: the system alone would not find {@code nowhere/..}.
     */
    @Test
    void dataFolderWithDotSegmentsIsNormalised() {
        Path input = Cli.data("ais/dma-aisabnormal/212123000_drift_1.ais");
        String dotted = tmp + "/./nowhere/../data";
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", dotted, "--report", tmp.resolve("r").toString(), input.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        assertThat(tmp.resolve("data").resolve("history.duckdb")).isRegularFile();
        assertThat(tmp.resolve("nowhere")).doesNotExist();
        Cli.Run q = Cli.run("query", "track", "212123000", "--data", dotted, "--from", "2014-10-02T16:30:00Z",
                "--to", "2014-10-02T16:30:30Z");
        assertThat(q.exit()).as(q.err()).isZero();
        assertThat(q.json()).hasSize(4);
        Cli.Run none = Cli.run("query", "track", "212123000", "--data", tmp + "/./nowhere/../other");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).startsWith("watchkeeper query: no store at " + tmp.resolve("other").resolve("history.duckdb") + " (");
    }

    /** {@code query track ... | head}: the reader leaving early ends the run quietly, as for decode; a full disk does not. */
    @Test
    void stdoutClosedByItsReaderEndsQuietly() {
        String data = data();
        for (String failure : List.of("Broken pipe", "No space left on device")) {
            java.io.StringWriter err = new java.io.StringWriter();
            int code = Main.commandLine(new java.io.ByteArrayInputStream(new byte[0]), new java.io.OutputStream() {
                @Override
                public void write(int b) throws java.io.IOException {
                    throw new java.io.IOException(failure);
                }
            }, new java.io.PrintWriter(err, true)).execute("query", "track", "212123000", "--data", data);
            if (failure.equals("Broken pipe")) {
                assertThat(code).isZero();
                assertThat(err.toString()).isEmpty();
            } else {
                assertThat(code).isEqualTo(1);
                assertThat(err.toString()).startsWith("watchkeeper query: cannot write the answer: " + failure);
            }
        }
    }

    /**
     * The first two minutes of STOC MARCIA's track (checked against the log's $PGHP times): fixes at
     * 16:30:03.887 (type 1, 7.7 kn, 60.4°), 16:30:15.246, the type 11 reply at 16:30:19.449 (no
     * speed, course or heading), then 16:30:24.446 ...; the duplicates heard by other stations are
     * not stored.
     */
    @Test
    void trackOfOneVessel() {
        String data = data();
        Cli.Run r = Cli.run("query", "track", "212123000", "--data", data, "--from", "2014-10-02T16:30:00Z",
                "--to", "2014-10-02T16:30:30Z");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode a = r.json();
        assertThat(a).hasSize(4);
        assertThat(a.get(0).get("mmsi").asText()).isEqualTo("212123000");
        assertThat(a.get(0).get("time").asText()).isEqualTo("2014-10-02T16:30:03.887Z");
        assertThat(a.get(0).get("lat").asDouble()).isEqualTo(55.560315);
        assertThat(a.get(0).get("lon").asDouble()).isEqualTo(15.255965);
        assertThat(a.get(0).get("speed").asDouble()).isEqualTo(7.7);
        assertThat(a.get(0).get("course").asDouble()).isEqualTo(60.4);
        assertThat(a.get(0).get("heading").asInt()).isEqualTo(60);
        assertThat(a.get(0).get("segment").asInt()).isEqualTo(1);
        assertThat(a.get(2).get("type").asInt()).isEqualTo(11);
        assertThat(a.get(2).has("speed")).isFalse();
        assertThat(a.get(2).has("heading")).isFalse();
        // One object a line, each but the last ending in its comma.
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(1)).startsWith("{\"mmsi\":\"212123000\",\"time\":\"2014-10-02T16:30:03.887Z\"").endsWith("},");
        assertThat(lines.get(4)).startsWith("{").endsWith("}");
        assertThat(lines.get(5)).isEqualTo("]");
        Cli.Run none = Cli.run("query", "track", "212123000", "--data", data, "--from", "2001-01-01T00:00:00Z",
                "--to", "2001-01-02T00:00:00Z");
        assertThat(none.out()).isEqualTo("[\n]\n");

        Cli.Run csv = Cli.run("query", "track", "212123000", "--data", data, "--from", "2014-10-02T16:30:00Z",
                "--to", "2014-10-02T16:30:16Z", "--format", "csv");
        assertThat(csv.out()).isEqualTo("mmsi,time,lat,lon,speed,course,heading,status,type,segment,source\r\n"
                + "212123000,2014-10-02T16:30:03.887Z,55.560315,15.255965,7.7,60.4,60,0,1,1,AI\r\n"
                + "212123000,2014-10-02T16:30:15.246Z,55.560532,15.256642,7.9,60.6,60,0,1,1,AI\r\n");
    }

    /**
     * A DMA CSV export has no AIS message types: its fixes are stored without one, and {@code query
     * track} leaves the type out (JSON) or empty (CSV) rather than saying 0, which is no AIS message
     * type; so do the report's event evidence and attributes (an MMSI of no ITU-R M.585 pattern,
     * 100000001, gives an invalid_identity event whose evidence is the row's fix).
     */
    @Test
    void aCsvRowsFixHasNoMessageType() throws java.io.IOException {
        Path csv = tmp.resolve("aisdk-2023-11-01.csv");
        Files.writeString(csv, "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
                + "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing device,Draught,"
                + "Destination,ETA,Data source type,A,B,C,D\n"
                + "01/11/2023 00:00:01,Class A,219021000,55.466780,11.016700,Under way using engine,0.0,12.3,182.4,183,"
                + ",OXPR2,SKAGERRAK,Cargo,,25,180,GPS,7.2,AARHUS,,AIS,150,30,12,13\n"
                + "01/11/2023 00:00:11,Class A,219021000,55.466000,11.016600,Under way using engine,0.0,12.3,182.4,183,"
                + ",,,,,,,,,,,AIS,,,,\n"
                + "01/11/2023 00:00:12,Class A,100000001,55.1,11.1,Under way using engine,0.0,10.0,90.0,90,"
                + ",,,,,,,,,,,AIS,,,,\n");
        String data = tmp.resolve("csv-data").toString();
        Path report = tmp.resolve("csv-report");
        Cli.Run a = Cli.run("analyze", "--quiet", "--data", data, "--report", report.toString(), csv.toString());
        assertThat(a.exit()).as(a.err()).isZero();
        Cli.Run r = Cli.run("query", "track", "219021000", "--data", data);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).get("speed").asDouble()).isEqualTo(12.3);
        assertThat(r.json().get(0).has("type")).isFalse();
        assertThat(r.out()).doesNotContain("\"type\"");
        Cli.Run c = Cli.run("query", "track", "219021000", "--data", data, "--format", "csv");
        assertThat(c.out()).isEqualTo("mmsi,time,lat,lon,speed,course,heading,status,type,segment,source\r\n"
                + "219021000,2023-11-01T00:00:01Z,55.46678,11.0167,12.3,182.4,183,0,,1,aisdk-2023-11-01.csv\r\n"
                + "219021000,2023-11-01T00:00:11Z,55.466,11.0166,12.3,182.4,183,0,,1,aisdk-2023-11-01.csv\r\n");
        JsonNode invalid = null;
        for (JsonNode e : Cli.JSON.readTree(report.resolve("events.json").toFile())) {
            if (e.get("kind").asText().equals("invalid_identity")) {
                invalid = e;
            }
        }
        assertThat(invalid).as("the invalid_identity event of 100000001").isNotNull();
        assertThat(invalid.get("evidence").get("attributes").get("reason").asText()).isEqualTo("mmsi_invalid_pattern");
        assertThat(invalid.get("evidence").get("attributes").has("message_type")).isFalse();
        JsonNode fix = invalid.get("evidence").get("observations").get(0);
        assertThat(fix.get("mmsi").asText()).isEqualTo("100000001");
        assertThat(fix.get("speed").asDouble()).isEqualTo(10.0);
        assertThat(fix.has("type")).isFalse();
    }

    /** Closest approach to a point 1 km north of the first fix: the first fix itself, 1000 m away. */
    @Test
    void anEmptyTrackSaysWhetherTheVesselIsKnown() {
        String data = data();
        Cli.Run unknown = Cli.run("query", "track", "21212300", "--data", data);
        assertThat(unknown.exit()).isZero();
        assertThat(unknown.json()).isEmpty();
        assertThat(unknown.err()).isEqualTo("watchkeeper query track: no vessel 021212300 in the store\n");
        Cli.Run outside = Cli.run("query", "track", "212123000", "--data", data, "--from", "2020-01-01");
        assertThat(outside.json()).isEmpty();
        assertThat(outside.err()).isEqualTo("watchkeeper query track: no positions of 212123000 in the window\n");
        Cli.Run radius = Cli.run("query", "near", "55.6", "15.3", "--radius-km", "-1", "--data", data);
        assertThat(radius.exit()).isEqualTo(2);
        assertThat(radius.err()).startsWith("watchkeeper query near: --radius-km must be > 0 and <= 20000: -1\n");
        // the limit of /api/near's radius_km, in its words
        for (String r : List.of("30000", "20000.5", "Infinity", "NaN", "0")) {
            Cli.Run far = Cli.run("query", "near", "55.6", "15.3", "--radius-km", r, "--data", data);
            assertThat(far.exit()).as(r).isEqualTo(2);
            assertThat(far.err()).startsWith("watchkeeper query near: --radius-km must be > 0 and <= 20000: "
                    + r + "\n");
        }
        Cli.Run whole = Cli.run("query", "near", "55.6", "15.3", "--radius-km", "20000", "--data", data, "--fixes-only");
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(whole.json().size()).isGreaterThan(0);
    }

    @Test
    void nearGivesClosestApproach() {
        String data = data();
        double lat = 55.560315 + 1000 / 111_194.93; // 1 km north on the sphere of radius 6 371 008.8 m
        Cli.Run r = Cli.run("query", "near", Double.toString(lat), "15.255965", "--radius-km", "1.5", "--data", data,
                "--to", "2014-10-02T16:30:05Z", "--fixes-only");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode a = r.json();
        assertThat(a).hasSize(1);
        assertThat(a.get(0).get("name").asText()).isEqualTo("STOC MARCIA");
        assertThat(a.get(0).get("flag").asText()).isEqualTo("CY");
        assertThat(a.get(0).get("distance_m").asDouble()).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(a.get(0).get("time").asText()).isEqualTo("2014-10-02T16:30:03.887Z");
        assertThat(a.get(0).get("interpolated").asBoolean()).isFalse();
        assertThat(a.get(0).has("between")).isFalse();
        // Along the track: the next fix is at 16:30:15.246 (55.560532, 15.256642), 0.000217 degree further north;
        // until 16:30:05, 1.113 s of its 11.359 s, the ship came 0.098 of that nearer: 2.4 m.
        Cli.Run along = Cli.run("query", "near", Double.toString(lat), "15.255965", "--radius-km", "1.5", "--data", data,
                "--to", "2014-10-02T16:30:05Z");
        JsonNode b = along.json().get(0);
        assertThat(b.get("distance_m").asDouble()).isEqualTo(997.6);
        assertThat(b.get("time").asText()).isEqualTo("2014-10-02T16:30:05Z");
        assertThat(b.get("interpolated").asBoolean()).isTrue();
        assertThat(b.get("between").toString()).isEqualTo("[\"2014-10-02T16:30:03.887Z\",\"2014-10-02T16:30:15.246Z\"]");
    }

    @Test
    void boxAndPolygonAroundTheDrift() {
        String data = data();
        Cli.Run box = Cli.run("query", "box", "55.5", "15.0", "55.7", "15.5", "--data", data, "--format", "csv");
        assertThat(box.exit()).as(box.err()).isZero();
        assertThat(box.out()).startsWith("mmsi,name,flag,class,positions,first,last\r\n212123000,STOC MARCIA,CY,A,902,");
        Cli.Run elsewhere = Cli.run("query", "box", "-10", "-10", "10", "10", "--data", data);
        assertThat(elsewhere.exit()).as(elsewhere.err()).isZero();
        assertThat(elsewhere.json()).isEmpty();
        // an empty answer says so on stderr, with what the store holds and the order of the corners
        assertThat(elsewhere.err()).isEqualTo("watchkeeper query box: nothing found; the store holds"
                + " positions: 902, vessels: 1, events: 2 (asked: latitude -10.0 to 10.0, longitude -10.0 to 10.0;"
                + " the order is MINLAT MINLON MAXLAT MAXLON)\n");
        Cli.Run windowed = Cli.run("query", "box", "-10", "-10", "10", "10", "--from", "2014-10-02", "--data", data);
        assertThat(windowed.err()).startsWith("watchkeeper query box: nothing found in the window; the store holds positions: 902,");
        Cli.Run none = Cli.run("query", "events", "--mmsi", "999999999", "--data", data);
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.err()).startsWith("watchkeeper query events: nothing found; the store holds positions: 902,");
        Cli.Run bare = Cli.run("query");
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.err()).startsWith("watchkeeper query: Missing query: track, box, polygon, near or events");
        Cli.Run poly = Cli.run("query", "polygon", "55.5,15.0; 55.5,15.5; 55.7,15.5; 55.7,15.0", "--data", data);
        assertThat(poly.json().get(0).get("positions").asInt()).isEqualTo(902);
        // a ring that starts with '-' (south of the equator, west of Greenwich) is the AREA, not an unknown option
        Cli.Run west = Cli.run("query", "polygon", "--data", data, "-55.5,-15.0; -55.5,-15.5; -55.7,-15.5; -55.7,-15.0");
        assertThat(west.exit()).as(west.err()).isZero();
        assertThat(west.err()).startsWith("watchkeeper query polygon: nothing found");
        Cli.Run typo = Cli.run("query", "polygon", "--dta", "--data", data);
        assertThat(typo.exit()).as(typo.err()).isEqualTo(2); // a usage error
        assertThat(typo.err()).startsWith("watchkeeper query polygon: unknown option '--dta' (AREA is WKT or a ring of lat,lon vertices)");
        // before the ring, with a value: the option is named, not its value and the ring as unmatched arguments
        Cli.Run before = Cli.run("query", "polygon", "--dta", data, "-55.5,-15.0; -55.5,-15.5; -55.7,-15.5", "--data", data);
        assertThat(before.exit()).isEqualTo(2);
        assertThat(before.err()).isEqualTo("watchkeeper query polygon: unknown option '--dta' (AREA is WKT or a ring of lat,lon"
                + " vertices)\nTry 'watchkeeper query polygon --help' for the options.\n");
    }

    /** Events are stored once per id: analyzing the same log twice doubles the positions, not the events. */
    @Test
    void eventsAreIdempotent() {
        String data = data();
        Cli.Run first = Cli.run("query", "events", "--data", data);
        assertThat(first.json()).isNotEmpty();
        Path input = Cli.SHARED.resolve("data/ais/dma-aisabnormal/212123000_drift_1.ais");
        // the same log stored again (--store-again): its positions twice, its events once, by id
        Cli.Run again = Cli.run("analyze", "--quiet", "--data", data, "--report", tmp.resolve("r2").toString(), "--store-again",
                input.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Cli.run("query", "events", "--data", data).out()).isEqualTo(first.out());
        JsonNode drift = Cli.run("query", "events", "--kind", "drift", "--mmsi", "212123000", "--data", data).json();
        assertThat(drift).hasSize(1);
        // mmsis: a JSON array of 9-digit strings, as in the report's events.json; in CSV one cell
        assertThat(drift.get(0).get("mmsis").isArray()).isTrue();
        assertThat(drift.get(0).get("mmsis")).hasSize(1);
        assertThat(drift.get(0).get("mmsis").get(0).asText()).isEqualTo("212123000");
        Cli.Run driftCsv = Cli.run("query", "events", "--kind", "drift", "--mmsi", "212123000", "--format", "csv", "--data", data);
        assertThat(driftCsv.out().lines().toList()).hasSize(2);
        // what the detector measured comes with the event, as in the report's events.csv
        JsonNode measured = drift.get(0).get("attributes");
        assertThat(measured.get("drifting_fixes").asInt()).isEqualTo(229);
        assertThat(measured.get("duration_min").asDouble()).isEqualTo(720.02855);
        assertThat(measured.get("distance_m").asDouble()).isEqualTo(13097.635212);
        assertThat(driftCsv.out().lines().findFirst().orElseThrow()).isEqualTo("id,kind,start,end,mmsis,lat,lon,attributes");
        assertThat(driftCsv.out().lines().skip(1).findFirst().orElseThrow()).startsWith(drift.get(0).get("id").asText() + ",drift,")
                .contains(",212123000,").endsWith(",\"" + measured.toString().replace("\"", "\"\"") + "\"");
        // several kinds, separated by commas as the API's kind= takes them: the log's drift and loitering
        JsonNode both = Cli.run("query", "events", "--kind", "drift,loitering", "--data", data).json();
        assertThat(both).extracting(e -> e.get("kind").asText()).containsExactlyInAnyOrder("drift", "loitering");
        assertThat(Cli.run("query", "events", "--kind", "loitering", "--kind", "encounter", "--data", data).json())
                .extracting(e -> e.get("kind").asText()).containsExactly("loitering");
        Cli.Run unknown = Cli.run("query", "events", "--kind", "drfit", "--data", data);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("watchkeeper query events: unknown event kind 'drfit'; known: gap, encounter, loitering, drift,");
        Cli.Run trailing = Cli.run("query", "events", "--kind", "drift,", "--data", data);
        assertThat(trailing.exit()).isEqualTo(2);
        assertThat(trailing.err()).startsWith("watchkeeper query events: --kind has an empty item in its list: drift,\n");
        Cli.Run box = Cli.run("query", "box", "55.5", "15.0", "55.7", "15.5", "--data", data);
        assertThat(box.json().get(0).get("positions").asInt()).isEqualTo(2 * 902);
    }

    @Test
    void usageAndStoreErrors() {
        Cli.Run noStore = Cli.run("query", "track", "1", "--data", tmp.resolve("none").toString());
        assertThat(noStore.exit()).isEqualTo(1);
        assertThat(noStore.err()).contains("no store at");
        String data = data();
        Cli.Run badTime = Cli.run("query", "track", "212123000", "--data", data, "--from", "yesterday");
        assertThat(badTime.exit()).isEqualTo(2);
        // a reversed window names both bounds as read, in the HTTP API's words (a date as --to is its last millisecond)
        for (String[] args : List.of(new String[] {"query", "events"}, new String[] {"query", "track", "212123000"},
                new String[] {"query", "box", "55", "15", "56", "16"},
                new String[] {"query", "polygon", "55.5,15.0; 55.5,15.5; 55.7,15.5; 55.7,15.0"},
                new String[] {"query", "near", "55.6", "15.3", "--radius-km", "5"})) {
            List<String> a = new ArrayList<>(List.of(args));
            a.addAll(List.of("--data", data, "--from", "2010-06-12T00:00:00Z", "--to", "2010-06-11"));
            Cli.Run reversed = Cli.run(a.toArray(String[]::new));
            assertThat(reversed.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(reversed.out()).isEmpty();
            assertThat(reversed.err()).as(String.join(" ", args)).startsWith("watchkeeper query " + args[1] + ": --from must not be"
                    + " after --to: --from 2010-06-12T00:00:00Z, --to 2010-06-11T23:59:59.999Z\n");
        }
        Cli.Run badBox = Cli.run("query", "box", "56", "15", "55", "16", "--data", data);
        assertThat(badBox.exit()).isEqualTo(2);
        assertThat(badBox.err()).contains("minLat");
        // an MMSI is at most the largest the 30-bit AIS field carries, said in the API's words, also for a value
        // too large for a Java int (once "'99999999999' is not a whole number")
        for (String[] args : List.of(new String[] {"query", "events", "--mmsi", "1234567890", "--data", data},
                new String[] {"query", "track", "1073741824", "--data", data},
                new String[] {"query", "track", "99999999999", "--data", data},
                new String[] {"query", "events", "--mmsi", "99999999999999999999999", "--data", data})) {
            Cli.Run bad = Cli.run(args);
            String option = args[1].equals("track") ? "mmsi" : "--mmsi";
            assertThat(bad.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(bad.err()).as(String.join(" ", args)).startsWith("watchkeeper query " + args[1] + ": " + option + " "
                    + args[args.length - 3] + " is above 1073741823, the largest MMSI an AIS message can carry\n");
        }
        for (String[] args : List.of(new String[] {"query", "track", "21212300x", "--data", data},
                new String[] {"query", "events", "--mmsi", "2.5", "--data", data})) {
            Cli.Run bad = Cli.run(args);
            String option = args[1].equals("track") ? "mmsi" : "--mmsi";
            assertThat(bad.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(bad.err()).as(String.join(" ", args)).startsWith("watchkeeper query " + args[1] + ": " + option
                    + " must be an MMSI, digits only: " + args[args.length - 3] + "\n");
        }
        // the largest is taken (a station the store does not hold: said so), leading zeros too
        Cli.Run largest = Cli.run("query", "track", "01073741823", "--data", data);
        assertThat(largest.exit()).as(largest.err()).isZero();
        assertThat(largest.err()).isEqualTo("watchkeeper query track: no vessel 1073741823 in the store\n");
    }

    /**
     * Stations that send an MMSI of more than 9 digits are kept (the AMSA log has four, heard without a
     * position): query takes the MMSI the store holds and answers with what it has, not a usage error.
     */
    @Test
    void aTenDigitMmsiTheStoreHoldsIsAsked() {
        String data = Cli.analyzedInto(tmp, "data/ais/amsa-risky/ais.txt.gz");
        Cli.Run track = Cli.run("query", "track", "1000873988", "--data", data);
        assertThat(track.exit()).as(track.err()).isZero();
        assertThat(track.json()).isEmpty();
        assertThat(track.err()).isEqualTo("watchkeeper query track: no positions of 1000873988\n");
        Cli.Run events = Cli.run("query", "events", "--mmsi", "1047185408", "--data", data);
        assertThat(events.exit()).as(events.err()).isZero();
        assertThat(events.json()).isEmpty();
        assertThat(events.err()).startsWith("watchkeeper query events: nothing found; the store holds positions: 16637, vessels: 2321,");
        // MMSI 0, the placeholder some transmitters send, is a station as the API takes it: 0 or 000000000
        Cli.Run zero = Cli.run("query", "events", "--mmsi", "0", "--data", data);
        assertThat(zero.exit()).as(zero.err()).isZero();
        assertThat(zero.json().size()).as(zero.err()).isPositive();
        for (JsonNode e : zero.json()) {
            assertThat(e.get("mmsis").toString()).contains("\"000000000\"");
        }
        assertThat(Cli.run("query", "events", "--mmsi", "000000000", "--data", data).json()).isEqualTo(zero.json());
        // not a station the store holds: said so, as for a 9-digit MMSI
        Cli.Run unknown = Cli.run("query", "track", "1073741823", "--data", data);
        assertThat(unknown.exit()).isZero();
        assertThat(unknown.err()).isEqualTo("watchkeeper query track: no vessel 1073741823 in the store\n");
    }

    /** A store another process holds open (a running server) is said in those words, with where to ask instead. */
    @Test
    void aStoreHeldByAnotherProcessIsSaidSo() throws Exception {
        String data = data();
        Path db = Path.of(data, "history.duckdb");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldStore.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try {
            // the holder says when it has the file
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine()).isEqualTo("open");
            Cli.Run r = Cli.run("query", "track", "212123000", "--data", data);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("watchkeeper query: " + db + " is open in another process (a watchkeeper serve or analyze on"
                    + " this data folder?); while a server runs, ask it instead: GET /api/near, /api/box, /api/vessels/{mmsi}/track, /api/events"
                    + " (every route: the server's /openapi.json), each with 'Authorization: Bearer TOKEN' (the admin's token is in "
                    + Path.of(data, "admin-token") + " unless the server was given another)\n");
            // the incident store alike
            Cli.Run list = Cli.run("incidents", "list", "--db", data);
            assertThat(list.exit()).isEqualTo(1);
            assertThat(list.err()).isEqualTo("watchkeeper incidents list: " + db + " is open in another process (a watchkeeper serve or"
                    + " analyze on this data folder?); while a server runs, ask it: GET /api/incidents\n");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            holder.destroyForcibly();
        }
    }

    /** Opens a DuckDB file for writing, says "open", and keeps it until its stdin closes. */
    public static final class HoldStore {
        public static void main(String[] args) throws Exception {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
                System.out.println("open");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait
                }
            }
        }
    }

    /** A bad area says what is wrong with it as a polygon, not in the geometry library's words. */
    @Test
    void badPolygonsAreExplainedInThePolygonsTerms() throws java.io.IOException {
        // a store of its own, written from an empty log: the area is checked before anything is looked up
        Path empty = tmp.resolve("empty.nmea");
        Files.writeString(empty, "");
        String data = tmp.resolve("empty-data").toString();
        assertThat(Cli.run("analyze", "--quiet", "--data", data, "--report", tmp.resolve("er").toString(), empty.toString())
                .exit()).isZero();
        String ring = "the polygon's ring must end where it starts (first and last point equal) and have at least 4 points";
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("POLYGON((1 2, 3 4))", ring);
        cases.put("POLYGON((1 2, 3 4, 5 6, 7 8))", ring);
        cases.put("MULTIPOLYGON(((1 2, 3 4)))", ring);
        cases.put("POLYGON((1 2, 3 4, 1 2))", ring);
        cases.put("POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))",
                "the polygon's edges cross or touch each other (near lon 1.0, lat 1.0): list its points in order around it");
        cases.put("LINESTRING(1 2, 3 4)", "the area must be a POLYGON or MULTIPOLYGON, not LINESTRING");
        cases.put("POLYGON EMPTY", "the area is empty: give a POLYGON with at least 4 points");
        cases.put("POLYGON((1 2, 3 4, 5 x, 1 2))", "not valid WKT (Invalid number: x): an area is written"
                + " POLYGON((lon lat, lon lat, lon lat, lon lat)), the first point repeated at the end, or MULTIPOLYGON");
        cases.put("POLYGON((0 0, 200 0, 200 1, 0 0))", "area coordinates must be lon -180..180, lat -90..90; this area spans"
                + " lon 0..200, lat 0..1 (WKT gives lon first)");
        cases.put("1,2;3,x;5,6", "vertex '3,x' is not lat,lon");
        cases.put("151,-34; 151.5,-34; 151.5,-33.5", "vertex 1 (151,-34) is outside lat -90..90, lon -180..180: a ring of vertices"
                + " gives lat,lon (latitude first; WKT gives lon first)");
        for (var c : cases.entrySet()) {
            Cli.Run r = Cli.run("query", "polygon", c.getKey(), "--data", data);
            assertThat(r.exit()).as(c.getKey()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey()).isEqualTo("watchkeeper query polygon: " + c.getValue() + "\n"
                    + "Try 'watchkeeper query polygon --help' for the options.\n");
        }
        // a good one still answers
        Cli.Run ok = Cli.run("query", "polygon", "POLYGON((1 2, 3 2, 3 4, 1 2))", "--data", data);
        assertThat(ok.exit()).as(ok.err()).isZero();
    }

    /** An option given before the query's name is said to go after it, naming the queries that take it. */
    @Test
    void anOptionBeforeTheQuerysNameSaysWhereItGoes() {
        Cli.Run r = Cli.run("query", "--data", "somewhere", "track", "212123000");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper query: Unknown options: '--data', 'somewhere'\n--data is an option of"
                + " watchkeeper query track|box|polygon|near|events: give it after the command's name (watchkeeper query track"
                + " ... --data ...)\nTry 'watchkeeper query --help' for the options.\n");
        // the example names the query given
        Cli.Run events = Cli.run("query", "--data", "somewhere", "events");
        assertThat(events.err()).contains("give it after the command's name (watchkeeper query events ... --data ...)");
        // an option no query takes is only unknown
        Cli.Run bogus = Cli.run("query", "--bogus", "x");
        assertThat(bogus.exit()).isEqualTo(2);
        assertThat(bogus.err()).doesNotContain("is an option of");
    }
}
