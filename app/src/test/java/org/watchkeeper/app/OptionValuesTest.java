package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrong option value is a usage error that says what was given and what is accepted, in the
 * user's words: no Java class or exception names.
 */
class OptionValuesTest {
    @TempDir
    Path tmp;

    @Test
    void untimedListsItsPoliciesAsOtherChoiceOptionsDo() throws IOException {
        Cli.Run r = Cli.run("analyze", "--no-store", "--untimed", "keep", "f");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper analyze: Invalid value for option '--untimed': expected one of"
                + " [carry, drop] (case-sensitive) but was 'keep'\n"
                + "Try 'watchkeeper analyze --help' for the options.\n");
        // the same wording as --store's
        Cli.Run store = Cli.run("analyze", "--no-store", "--store", "sqlite", "f");
        assertThat(store.err()).startsWith("watchkeeper analyze: Invalid value for option '--store': expected one of"
                + " [duckdb, postgres] (case-sensitive) but was 'sqlite'\n");

        Path log = tmp.resolve("empty.nmea");
        Files.writeString(log, "");
        Cli.Run drop = Cli.run("analyze", "--no-store", "--quiet", "--untimed", "drop", "--report",
                tmp.resolve("r").toString(), log.toString());
        assertThat(drop.exit()).isZero();
        assertThat(Cli.summary(tmp.resolve("r")).get("settings").get("untimed").asText()).isEqualTo("drop");
    }

    @Test
    void simulateStartSaysWhichTimesItTakes() {
        DecodeCommandTest.Run r = DecodeCommandTest.run("simulate", "--start", "yesterday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("watchkeeper simulate: --start: not an ISO-8601 time or date: yesterday"
                + " (e.g. 2014-10-02T18:00:00Z, 2014-10-02T18:00 (UTC), 2014-10-02T20:00+02:00 or 2014-10-02)\n"
                + "Try 'watchkeeper simulate --help' for the options.\n");
        // a date is its start, as for analyze's --assume-time
        DecodeCommandTest.Run day = DecodeCommandTest.run("simulate", "--quiet", "--start", "2024-01-01", "--hours", "0.1",
                "--vessels", "5", "--no-events");
        assertThat(day.exit()).isZero();
        DecodeCommandTest.Run instant = DecodeCommandTest.run("simulate", "--quiet", "--start", "2024-01-01T00:00:00Z",
                "--hours", "0.1", "--vessels", "5", "--no-events");
        assertThat(day.out()).isNotEmpty().isEqualTo(instant.out());
    }

    /**
     * A time ISO-8601 can write but whose epoch milliseconds do not fit (year -999999999) is a usage
     * error naming the option and the range, for every option that takes a time (it was an uncaught
     * ArithmeticException).
     */
    @Test
    void aTimeBeyondTheRangeIsAUsageErrorNamingTheOption() {
        String range = "out of range (a time from -146136543-09-08T08:23:32.096Z to +146140482-04-24T15:36:27.903Z): ";
        String t = "-999999999-01-01T00:00:00Z";
        String data = tmp.resolve("data").toString();
        for (String[] args : new String[][] {{"query", "events", "--data", data, "--from", t}, {"query", "events", "--data", data, "--to", t},
                {"query", "track", "--data", data, "--from", t, "219622000"}, {"incidents", "list", "--db", data, "--from", t},
                {"incidents", "list", "--db", data, "--to", "+999999999-12-31"}, {"analyze", "--no-store", "--assume-time", t, "f"},
                {"simulate", "--start", "-999999999-01-01"}}) {
            Cli.Run r = Cli.run(args);
            String option = args[args.length - 2].startsWith("--") ? args[args.length - 2] : args[args.length - 3];
            String value = args[args.length - 2].startsWith("--") ? args[args.length - 1] : args[args.length - 2];
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            String command = args[0].equals("query") || args[0].equals("incidents") ? args[0] + " " + args[1] : args[0];
            assertThat(r.err()).as(String.join(" ", args)).startsWith("watchkeeper " + command + ": " + option + ": " + range + value + "\n");
        }
    }

    /** A missing file given to an option is an I/O error (exit 1), as a missing input is, and says which option named it. */
    @Test
    void missingFilesGivenToOptionsAreIoErrors() {
        String data = tmp.resolve("data").toString();
        Path none = tmp.resolve("none.txt");
        Cli.Run token = Cli.run("serve", "--data", data, "--port", "0", "--admin-token-file", none.toString());
        assertThat(token.exit()).isEqualTo(1);
        assertThat(token.err()).isEqualTo("watchkeeper serve: cannot read --admin-token-file " + none + ": no such file\n");
        Cli.Run zones = Cli.run("serve", "--data", data, "--port", "0", "--zones", none.toString());
        assertThat(zones.exit()).isEqualTo(1);
        assertThat(zones.err()).isEqualTo("watchkeeper serve: cannot read --zones " + none + ": no such file\n");
        Cli.Run incidents = Cli.run("serve", "--data", data, "--port", "0", "--incidents", "asam=" + none);
        assertThat(incidents.exit()).isEqualTo(1);
        assertThat(incidents.err()).isEqualTo("watchkeeper serve: cannot read --incidents " + none + ": no such file\n");
        Cli.Run ports = Cli.run("serve", "--data", data, "--port", "0", "--ports", none.toString());
        assertThat(ports.exit()).isEqualTo(1);
        assertThat(ports.err()).isEqualTo("watchkeeper serve: cannot read ports: " + none + ": no such file or directory\n");
        Cli.Run source = Cli.run("serve", "--data", data, "--port", "0", "--source", "dma=file:" + none + "?speed=10");
        assertThat(source.exit()).isEqualTo(1);
        assertThat(source.err()).isEqualTo("watchkeeper serve: cannot read --source dma " + none + ": no such file\n");
        Cli.Run demo = Cli.run("demo", "--data", data, "--port", "0", "--admin-token-file", none.toString());
        assertThat(demo.exit()).isEqualTo(1);
        assertThat(demo.err()).isEqualTo("watchkeeper demo: cannot read --admin-token-file " + none + ": no such file\n");
    }

    /** The net for an option whose value would reach a Java conversion unchecked. */
    @Test
    void javaConversionMessagesAreRewordedByTheUsageHandler() {
        assertThat(Main.plainTypeNames("Invalid value for option '--untimed': No enum constant"
                + " org.watchkeeper.core.pipeline.NmeaInput.Untimed.KEEP"))
                .isEqualTo("Invalid value for option '--untimed': 'KEEP' is not accepted: expected one of [carry, drop]");
        assertThat(Main.plainTypeNames("No enum constant no.such.Type.X")).isEqualTo("'X' is not accepted");
        assertThat(Main.plainTypeNames("Invalid value for option '--start': cannot convert 'xyz' to class java.time.Instant"
                + " (java.time.format.DateTimeParseException: Text 'xyz' could not be parsed at index 0)"))
                .isEqualTo("Invalid value for option '--start': 'xyz' is not a value this option accepts");
        assertThat(Main.plainTypeNames("Invalid value for option '--threads': 'two' is not an int"))
                .isEqualTo("Invalid value for option '--threads': 'two' is not a whole number");
        assertThat(Main.plainTypeNames("--reorder-ms must be in [0, 86400000]: -1")).isEqualTo("--reorder-ms must be in [0, 86400000]: -1");
    }
}
