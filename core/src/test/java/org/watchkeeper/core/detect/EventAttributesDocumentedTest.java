package org.watchkeeper.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every attribute a detector of core puts into its events is listed in the README's "Event attributes" table,
 * in the row of the event kind it belongs to (of one of them, for a detector of two kinds), so that a user reading {@code events.csv} or {@code /api/events}
 * finds what each name means ({@code from_sog_supported} was emitted and undocumented). The attributes are read
 * from the detectors' sources: each puts them into a map of a known name (below), its parameters into another.
 */
class EventAttributesDocumentedTest {
    private static final Path DETECT = Path.of("src/main/java/org/watchkeeper/core/detect");
    private static final Path README = Path.of("../README.md");

    /** A detector's source, the kinds it emits and the names of the maps it puts their attributes into. */
    private record Source(String file, List<String> kinds, List<String> maps) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("vessel/GapDetector.java", List.of("gap"), List.of("a")),
            new Source("vessel/LoiteringDetector.java", List.of("loitering"), List.of("a")),
            new Source("vessel/DriftDetector.java", List.of("drift"), List.of("at")),
            new Source("vessel/SuddenSpeedChangeDetector.java", List.of("sudden_speed_change"), List.of("a")),
            new Source("identity/IdentityConflictDetector.java", List.of("identity_conflict", "position_jump"), List.of("at")),
            new Source("identity/InvalidIdentityDetector.java", List.of("invalid_identity"), List.of("attributes")),
            new Source("identity/PositionOnLandDetector.java", List.of("position_on_land"), List.of("attributes")),
            new Source("zone/ZoneDetector.java", List.of("zone_entry", "zone_exit"), List.of("at")),
            new Source("zone/WatchlistDetector.java", List.of("watchlist_activity", "watchlist_gap"), List.of("at")),
            new Source("encounter/EncounterDetector.java", List.of("encounter"), List.of("a")),
            // m: a visit's parts, each an object of the parts attribute
            new Source("port/PortVisitDetector.java", List.of("port_visit"), List.of("a", "m")),
            new Source("chokepoint/ChokepointTransitDetector.java", List.of("chokepoint_transit"), List.of("a")));

    /** The README's table: kind → the text of its row. */
    private static Map<String, String> documented() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(README), "no README at " + README.toAbsolutePath());
        String text = Files.readString(README);
        int from = text.indexOf("\n### Event attributes\n");
        assertThat(from).as("the README has a section 'Event attributes'").isPositive();
        int to = text.indexOf("\n#", from + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : text.substring(from, to < 0 ? text.length() : to).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split(" \\| ", 2);
            Matcher k = Pattern.compile("`([a-z_]+)`").matcher(cells[0]);
            while (k.find()) {
                rows.put(k.group(1), cells[1]);
            }
        }
        return rows;
    }

    @Test
    void everyAttributeOfEveryKindIsInTheReadme() throws IOException {
        Map<String, String> rows = documented();
        List<String> missing = new ArrayList<>();
        TreeSet<String> kinds = new TreeSet<>();
        int attributes = 0;
        for (Source s : SOURCES) {
            String code = Files.readString(DETECT.resolve(s.file()));
            Matcher m = Pattern.compile("\\b(" + String.join("|", s.maps()) + ")\\.put\\(\"([a-z0-9_]+)\"").matcher(code);
            TreeSet<String> names = new TreeSet<>();
            while (m.find()) {
                names.add(m.group(2));
            }
            assertThat(names).as(s.file() + " puts attributes into " + s.maps()).isNotEmpty();
            attributes += names.size();
            for (String kind : s.kinds()) {
                kinds.add(kind);
                assertThat(rows).as("README 'Event attributes' has a row for " + kind).containsKey(kind);
            }
            // a detector of two kinds (a conflict and a jump, an entry and an exit) puts each name into one of them
            for (String name : names) {
                if (s.kinds().stream().noneMatch(kind -> rows.get(kind).contains("`" + name + "`"))) {
                    missing.add(String.join("|", s.kinds()) + "." + name);
                }
            }
        }
        assertThat(missing).as("attributes emitted but not in the README's row of their kind").isEmpty();
        // every kind there is has its row: the detectors above emit them all
        TreeSet<String> all = new TreeSet<>();
        for (EventKind k : EventKind.values()) {
            all.add(k.id());
        }
        assertThat(kinds).isEqualTo(all);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(attributes).isGreaterThan(90);
    }

    /** A detector added without a place above would go unchecked: every source that makes events is listed. */
    @Test
    void everyDetectorSourceIsChecked() throws IOException {
        List<String> makers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DETECT)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String rel = DETECT.relativize(f).toString().replace('\\', '/');
                if (!rel.equals("Event.java") && Files.readString(f).contains("Event.of(")) {
                    makers.add(rel);
                }
            }
        }
        assertThat(makers).containsExactlyInAnyOrderElementsOf(SOURCES.stream().map(Source::file).toList());
    }
}
