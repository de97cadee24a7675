package org.watchkeeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchkeeper.server.WatchkeeperServer;

/**
 * The web map in headless Chromium against the real server (the jar's classpath serves the built
 * site at {@code /}) while it replays a real DMA log at 60 times its pace: the {@code web} module's
 * Playwright test ({@code npm run test:browser}) runs with {@code WATCHKEEPER_URL} pointing here and
 * must find every vessel of the API on the map, open a clicked vessel's panel with its name and
 * MMSI, jump to an event picked in the list, and keep screenshots in {@code target/browser-real/}.
 *
 * <p>Needs {@code /usr/bin/chromium} (or {@code CHROMIUM_PATH}), Node.js with npm on the PATH, the
 * web module built ({@code web/node_modules}) and the shared data; skips with the reason without
 * them, but fails when {@code CI=true}.
 */
class MapInBrowserTest {
    /** DMA receivers, 5 minutes around the Danish straits: 1 508 vessels, 330 events. */
    private static final String LOG = "data/ais/dma-aisabnormal/ais-sample.txt.gz";
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
    private static final Path OUT = Path.of("target", "browser-real").toAbsolutePath();

    @Test
    void mapShowsTheReplayedLogsVesselsPanelAndEvents(@TempDir Path data) throws Exception {
        Path log = Cli.SHARED.resolve(LOG).toAbsolutePath().normalize();
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        need(Files.isRegularFile(log), "shared real AIS log not found (set watchkeeper.shared): " + log);
        need(Files.isExecutable(Path.of(chromium)), chromium + " not found (Debian: apt-get install -y chromium)");
        need(onPath("npm") && onPath("node"), "Node.js and npm are not on the PATH");
        assertThat(WEB.resolve("node_modules/playwright-core")).as("web module built (npm ci)").isDirectory();

        WatchkeeperServer.Config cfg = WatchkeeperServer.Config.of(data).withPort(0)
                .withSources(List.of("dma=file:" + log + "?speed=60"));
        try (LiveServer s = LiveServer.start(cfg)) {
            // The web map is served from the web module's classpath folder.
            assertThat(s.server.port()).isPositive();
            s.awaitSourcesDone(300_000);
            JsonNode vessels = s.json("api/vessels?limit=100000");
            int count = vessels.get("count").asInt();
            assertThat(count).isEqualTo(s.server.pipeline().vessels().size()).isEqualTo(1508);
            assertThat(s.json("api/events").get("count").asInt()).isPositive();

            Files.createDirectories(OUT);
            for (String png : List.of("overview.png", "map.png", "event-jump.png", "charts.png")) {
                Files.deleteIfExists(OUT.resolve(png));
            }
            Path results = OUT.resolve("vitest-results.json");
            Files.deleteIfExists(results);
            // only map.browser.test.js: the other files of e2e/ test the page against the mock alone and skip
            // when WATCHKEEPER_URL is set, but each would still be loaded in a process of its own to say so
            ProcessBuilder pb = new ProcessBuilder("npm", "run", "test:browser", "--", "map.browser.test.js", "--reporter=default",
                    "--reporter=json", "--outputFile.json=" + results)
                    .directory(WEB.toFile()).redirectErrorStream(true).redirectOutput(OUT.resolve("vitest.log").toFile());
            Map<String, String> env = pb.environment();
            env.putAll(s.browserEnvironment());
            env.put("WATCHKEEPER_EXPECT_VESSELS", String.valueOf(count));
            env.put("WATCHKEEPER_SCREENSHOTS", OUT.toString());
            env.put("CHROMIUM_PATH", chromium);
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("browser test still running after 10 minutes; see " + OUT.resolve("vitest.log"));
            }
            String output = Files.readString(OUT.resolve("vitest.log"));
            assertThat(p.exitValue()).as("npm run test:browser exit; output:%n%s", output).isZero();

            JsonNode r = Cli.JSON.readTree(results.toFile());
            List<String> passed = new ArrayList<>();
            for (JsonNode file : r.get("testResults")) {
                for (JsonNode t : file.get("assertionResults")) {
                    if (t.get("status").asText().equals("passed")) {
                        passed.add(t.get("title").asText());
                    }
                }
            }
            assertThat(r.get("numFailedTests").asInt()).isZero();
            assertThat(passed).as(output).contains(
                    "loads the map with every vessel of the API drawn, and asks no other host",
                    "opens the vessel panel when a vessel is clicked",
                    "jumps to an event picked in the list and highlights its vessels",
                    "keeps screenshots of the map with vessels, the vessel panel and a track");
            for (String png : List.of("overview.png", "map.png", "event-jump.png")) {
                assertThat(OUT.resolve(png)).as("screenshot %s", png).isRegularFile();
                assertThat(Files.size(OUT.resolve(png))).isGreaterThan(10_000);
            }
        }
    }

    /** Skips without the prerequisite, or fails when running in CI. */
    private static void need(boolean present, String what) {
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(what + " (CI=true: the browser test against the real server must run)");
        }
        assumeTrue(present, "SKIPPING the browser test against the real server: " + what);
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }
}
