package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query events --shiptype/--flag/--class} on a store of three DMA logs: STOC MARCIA (212123000, CY,
 * type 80) loitering and drifting, FRIO (538004030, MH, type 80) drifting, LOTUS (219165000, DK, type 89)
 * changing speed suddenly; all three class A.
 */
class QueryEventsVesselFiltersTest {
    @TempDir
    static Path tmp;
    static String data;

    @BeforeAll
    static void analyze() {
        Path base = Cli.SHARED.resolve("data/ais/dma-aisabnormal");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(base), "shared data absent: " + base);
        data = tmp.resolve("data").toString();
        Cli.Run r = Cli.run("analyze", "--quiet", "--data", data, "--report", tmp.resolve("r").toString(),
                base.resolve("212123000_drift_1.ais").toString(), base.resolve("538004030_drift_1.ais").toString(),
                base.resolve("219165000_ssc_1.ais").toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static List<String> events(String... filters) {
        String[] args = new String[3 + filters.length];
        args[0] = "query";
        args[1] = "events";
        args[2] = "--data=" + data;
        System.arraycopy(filters, 0, args, 3, filters.length);
        Cli.Run r = Cli.run(args);
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode e : r.json()) {
            out.add(e.get("kind").asText() + " " + e.get("mmsis").get(0).asText());
        }
        return out;
    }

    @Test
    void eventsOfVesselsOfAShipTypeFlagOrClass() {
        assertThat(events()).containsExactly("drift 538004030", "loitering 212123000", "drift 212123000",
                "sudden_speed_change 219165000");
        assertThat(events("--shiptype", "80")).containsExactly("drift 538004030", "loitering 212123000", "drift 212123000");
        assertThat(events("--shiptype", "89")).containsExactly("sudden_speed_change 219165000");
        assertThat(events("--shiptype", "70-79, 85 - 89")).containsExactly("sudden_speed_change 219165000");
        assertThat(events("--shiptype", "80-89")).hasSize(4);
        assertThat(events("--flag", "dk")).containsExactly("sudden_speed_change 219165000");
        assertThat(events("--flag", "cy,MH", "--kind", "drift")).containsExactly("drift 538004030", "drift 212123000");
        assertThat(events("--flag", "Cy", "--mmsi", "212123000", "--kind", "loitering")).containsExactly("loitering 212123000");
        assertThat(events("--class", "a", "--flag", "MH")).containsExactly("drift 538004030");
        assertThat(events("--class", "A,base_station")).hasSize(4);
        // one vessel must pass every filter given: the Danish tanker is of type 89
        assertThat(events("--shiptype", "80", "--flag", "DK")).isEmpty();
        assertThat(events("--flag", "GB")).isEmpty();
        Cli.Run csv = Cli.run("query", "events", "--data", data, "--flag", "dk", "--format", "csv");
        assertThat(csv.out().lines().toList()).hasSize(2);
        assertThat(csv.out().lines().skip(1).findFirst().orElseThrow()).contains(",sudden_speed_change,2014-10-05T16:10:10.659Z,")
                .contains(",219165000,");
    }

    /** An empty answer says how many events the vessel filters left out, in their normalised form. */
    @Test
    void anEmptyAnswerSaysWhatTheFiltersLeftOut() {
        Cli.Run r = Cli.run("query", "events", "--data", data, "--shiptype", "70-79", "--flag", "dk,cy", "--class", "a");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("[\n]\n");
        assertThat(r.err()).isEqualTo("watchkeeper query events: 4 events found, none of a vessel passing --shiptype 70-79"
                + " --flag DK,CY --class A\n");
        Cli.Run none = Cli.run("query", "events", "--data", data, "--flag", "PA", "--kind", "encounter");
        assertThat(none.err()).startsWith("watchkeeper query events: nothing found; the store holds positions:");
    }

    /** The errors of the API's shiptype, flag and class parameters, as usage errors naming the option. */
    @Test
    void badFiltersAreUsageErrors() {
        String[][] cases = {
            {"--flag", "UK", "--flag UK is not an ISO 3166-1 alpha-2 country code (the United Kingdom's is GB)"},
            {"--flag", "pa,zz", "--flag ZZ is not an ISO 3166-1 alpha-2 country code"},
            {"--flag", "DNK", "--flag must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated list such as PA,LR: DNK"},
            {"--flag", "", "--flag is empty; give ISO 3166-1 alpha-2 codes such as PA,LR, or leave --flag out"},
            {"--flag", "PA,", "--flag has an empty item in its list: PA,"},
            {"--shiptype", "80--89", "--shiptype must be an integer code (ITU-R M.1371-5 Table 53), a range such as 80-89,"
                + " or a comma-separated list of them: 80--89"},
            {"--shiptype", "256", "--shiptype must be in 0..255: 256"},
            {"--shiptype", "89-80", "--shiptype range 89-80 ends below its start"},
            {"--shiptype", "", "--shiptype is empty; give ITU-R M.1371-5 ship and cargo type codes such as 30, or ranges such"
                + " as 80-89, or leave --shiptype out"},
            {"--class", "C", "--class must be one of A, B, base_station, aid_to_navigation, sar_aircraft: C"},
            {"--class", "", "--class is empty; give station classes such as A,B, or leave --class out"},
        };
        for (String[] c : cases) {
            Cli.Run r = Cli.run("query", "events", "--data", data, c[0], c[1]);
            assertThat(r.exit()).as(c[0] + " " + c[1]).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).as(c[0] + " " + c[1]).startsWith("watchkeeper query events: " + c[2] + "\n");
        }
        // refused before the store is opened: the same error without a store
        Cli.Run noStore = Cli.run("query", "events", "--data", tmp.resolve("none").toString(), "--flag", "UK");
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.err()).startsWith("watchkeeper query events: --flag UK is not");
    }

    /** --shiptype, --flag and --class may be given several times, each a list, as the API's parameters may. */
    @Test
    void aFilterGivenSeveralTimesIsTheUnionOfItsLists() {
        assertThat(events("--flag", "DK", "--flag", "cy")).containsExactly("loitering 212123000", "drift 212123000",
                "sudden_speed_change 219165000");
        assertThat(events("--flag", "DK", "--flag", "cy,MH", "--kind", "drift")).containsExactly("drift 538004030", "drift 212123000");
        assertThat(events("--shiptype", "70-79", "--shiptype", "85-89")).containsExactly("sudden_speed_change 219165000");
        assertThat(events("--class", "B", "--class", "a", "--flag", "MH")).containsExactly("drift 538004030");
        Cli.Run none = Cli.run("query", "events", "--data", data, "--shiptype", "70-79", "--shiptype", "90", "--flag", "dk",
                "--flag", "cy");
        assertThat(none.err()).isEqualTo("watchkeeper query events: 4 events found, none of a vessel passing --shiptype 70-79,90"
                + " --flag DK,CY\n");
        // each value is checked, and the error names the item at fault
        String[][] cases = {
            {"--flag", "PA", "--flag", "LR,UK", "--flag UK is not an ISO 3166-1 alpha-2 country code (the United Kingdom's is GB)"},
            {"--shiptype", "80-89", "--shiptype", "70,80--89", "--shiptype must be an integer code (ITU-R M.1371-5 Table 53),"
                + " a range such as 80-89, or a comma-separated list of them: 80--89"},
            {"--shiptype", "30,300", "--shiptype", "80", "--shiptype must be in 0..255: 300"},
            {"--class", "A", "--class", "", "--class is empty; give station classes such as A,B, or leave --class out"},
        };
        for (String[] c : cases) {
            Cli.Run r = Cli.run("query", "events", "--data", data, c[0], c[1], c[2], c[3]);
            assertThat(r.exit()).as(String.join(" ", c)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", c)).startsWith("watchkeeper query events: " + c[4] + "\n");
        }
    }

    @Test
    void theHelpNamesTheFilters() {
        Cli.Run help = Cli.run("query", "events", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--shiptype=TYPES").contains("--flag=CC").contains("--class=CLASS")
                .contains("80-89 (tankers)").contains("e.g. PA,LR,MH, or the option")
                .contains("[--class=CLASS]... [--flag=CC]...").contains("[--shiptype=TYPES]...");
        assertThat(Cli.run("query", "--help").out()).contains("watchkeeper query events --kind encounter --shiptype 80-89 --flag PA,LR,MH");
    }
}
