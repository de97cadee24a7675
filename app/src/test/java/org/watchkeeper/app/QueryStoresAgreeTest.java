package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.store.PostgresTestSupport;

/**
 * The same real input analyzed into DuckDB and into PostgreSQL gives the same answers to every
 * {@code watchkeeper query} (byte for byte, JSON and CSV). PostgreSQL comes from {@link PostgresTestSupport}
 * (its settings, and its rule: skipped when PostgreSQL cannot be reached, failed then when {@code CI=true}).
 * It writes into a fresh schema it drops.
 */
class QueryStoresAgreeTest {
    static final String URL = PostgresTestSupport.URL;
    static final String USER = PostgresTestSupport.USER;
    static final String PASSWORD = PostgresTestSupport.PASSWORD;

    @TempDir
    Path tmp;

    @Test
    void duckDbAndPostgresAnswerAlike() throws Exception {
        Path input = Cli.SHARED.resolve("data/ais/dma-aisabnormal/ais-sample.txt.gz");
        assumeTrue(Files.isRegularFile(input), "shared data absent: " + input);
        PostgresTestSupport.requireServer();
        String schema = PostgresTestSupport.freshSchema("wk_analyze_");
        List<String> duck = List.of("--store", "duckdb", "--data", tmp.resolve("data").toString());
        List<String> pg = List.of("--store", "postgres", "--pg-url", URL, "--pg-user", USER, "--pg-password", PASSWORD,
                "--pg-schema", schema);
        try {
            for (List<String> store : List.of(duck, pg)) {
                List<String> args = new ArrayList<>(List.of("analyze", "--quiet", "--report", tmp.resolve("report").toString()));
                args.addAll(store);
                args.add(input.toString());
                Cli.Run r = Cli.run(args.toArray(String[]::new));
                assertThat(r.exit()).as(r.err()).isZero();
                JsonNode s = Cli.summary(tmp.resolve("report"));
                assertThat(s.get("store").get("positions_appended").asLong()).isEqualTo(25258);
                assertThat(s.get("store").get("vessels_upserted").asLong()).isEqualTo(1508);
            }
            // the vessel with the most accepted fixes in this sample
            String busiest = Cli.vessels(tmp.resolve("report")).values().stream()
                    .max((a, b) -> Integer.compare(Integer.parseInt(a.get("positions")), Integer.parseInt(b.get("positions"))))
                    .orElseThrow().get("mmsi");
            List<List<String>> queries = List.of(
                    List.of("track", busiest),
                    List.of("track", busiest, "--from", "2013-11-12T12:01:00Z", "--to", "2013-11-12T12:03:00Z"),
                    List.of("box", "55.5", "12.5", "56.0", "13.0", "--from", "2013-11-12T12:00:00Z", "--to", "2013-11-12T12:02:00Z"),
                    List.of("box", "54.0", "8.0", "58.0", "15.0"),
                    List.of("polygon", "POLYGON((12.5 55.5, 13.0 55.5, 12.7 56.1, 12.5 55.5))"),
                    List.of("polygon", "55.5,12.5; 55.5,13.0; 56.1,12.7"),
                    List.of("near", "55.6", "12.7", "--radius-km", "20"),
                    List.of("near", "55.6", "12.7", "--radius-km", "5", "--from", "2013-11-12T12:02:00Z", "--to", "2013-11-12T12:04:00Z"),
                    List.of("near", "55.6", "12.7", "--radius-km", "5", "--from", "2013-11-12T12:02:00Z", "--to", "2013-11-12T12:04:00Z",
                            "--fixes-only"));
            for (List<String> q : queries) {
                for (String format : List.of("json", "csv")) {
                    String[] answers = new String[2];
                    int i = 0;
                    for (List<String> store : List.of(duck, pg)) {
                        List<String> args = new ArrayList<>(List.of("query"));
                        args.addAll(q);
                        args.addAll(store);
                        args.addAll(List.of("--format", format));
                        Cli.Run r = Cli.run(args.toArray(String[]::new));
                        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
                        answers[i++] = r.out();
                    }
                    assertThat(answers[1]).as("postgres vs duckdb: " + q + " " + format).isEqualTo(answers[0]);
                    if (format.equals("json")) {
                        assertThat(Cli.JSON.readTree(answers[0]).size()).as("non-empty answer: " + q).isPositive();
                    }
                }
            }
            // the polygon given as WKT and as a lat,lon ring is the same area
            Cli.Run wkt = Cli.run("query", "polygon", "POLYGON((12.5 55.5, 13.0 55.5, 12.7 56.1, 12.5 55.5))",
                    "--data", tmp.resolve("data").toString());
            Cli.Run ring = Cli.run("query", "polygon", "55.5,12.5; 55.5,13.0; 56.1,12.7", "--data", tmp.resolve("data").toString());
            assertThat(ring.out()).isEqualTo(wkt.out());

            // a schema that holds no history is an error that names the one that does, and is not created
            String missing = schema + "_typo";
            Cli.Run typo = Cli.run("query", "events", "--store", "postgres", "--pg-url", URL, "--pg-user", USER,
                    "--pg-password", PASSWORD, "--pg-schema", missing);
            assertThat(typo.exit()).isEqualTo(1);
            assertThat(typo.out()).isEmpty();
            assertThat(typo.err()).startsWith("watchkeeper query: no Watchkeeper history in schema " + missing + " at " + URL)
                    .contains(schema).contains("give --pg-schema");
            assertThat(PostgresTestSupport.schemaExists(missing)).as("schema " + missing + " left behind by a query").isFalse();
        } finally {
            PostgresTestSupport.dropSchema(schema);
            PostgresTestSupport.dropSchema(schema + "_typo");
        }
    }
}
