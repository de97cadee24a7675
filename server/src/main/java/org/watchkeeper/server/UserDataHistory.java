package org.watchkeeper.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every set of zones and watchlist the server has had in force, in {@code userdata-history/} under
 * the data folder: one file per change, {@code NNNNNNNN.json} numbered from 1 in the order of the
 * changes, written whole or not at all and never deleted. Each holds {@code zones} (a GeoJSON
 * FeatureCollection as {@code zones.json} holds it), {@code watchlist} ({@code {"entries": [...]}}
 * as {@code watchlist.json}) and the next zone and watchlist entry numbers then
 * ({@code next_zone_id}, {@code next_watch_id}), so that an id once given is never given again.
 *
 * <p>The raw archive marks where each change took effect among the input lines (a line of source
 * {@link Pipeline#USER_SET_SOURCE} naming the file); the rebuild at start applies each there, so
 * the zone and watchlist events after a restart are those before it. Not thread safe (its owner,
 * {@link UserData}, serialises the calls).
 */
final class UserDataHistory {
    /** The folder under the data folder. */
    static final String DIR = "userdata-history";
    private static final Pattern NAME = Pattern.compile("(\\d{8,18})\\.json");

    private final Path dir;
    /** The highest number written or found, 0 for none. */
    private long last;
    /** The lowest number found, 0 for none. */
    private long first;

    /** @param dataDir the data folder (the history folder is made on the first write) */
    UserDataHistory(Path dataDir) {
        this.dir = dataDir.resolve(DIR);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> {
                    long n = number(p.getFileName().toString());
                    if (n > 0) {
                        last = Math.max(last, n);
                        first = first == 0 ? n : Math.min(first, n);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the zones and watchlist history " + dir, e);
            }
        }
    }

    /** The number of a history file name, or 0 when it is none. */
    private static long number(String name) {
        java.util.regex.Matcher m = NAME.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The file name of number {@code n}. */
    static String name(long n) {
        return String.format("%08d.json", n);
    }

    /** Whether no set has been recorded. */
    boolean isEmpty() {
        return last == 0;
    }

    /** The name of the first set recorded, or null for none. */
    String first() {
        return first == 0 ? null : name(first);
    }

    /** The name of the last set recorded, or null for none. */
    String last() {
        return last == 0 ? null : name(last);
    }

    /**
     * Writes the next record, whole or not at all ({@link Accounts#writeAtomically}: a temporary file
     * synced and moved into place).
     *
     * @return its name
     * @throws IOException when it cannot be written (nothing is recorded then)
     */
    String write(String json) throws IOException {
        Files.createDirectories(dir);
        String name = name(last + 1);
        try {
            Accounts.writeAtomically(dir.resolve(name), json.getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        last++;
        if (first == 0) {
            first = last;
        }
        return name;
    }

    /**
     * The record of this name (as a raw archive mark names it), or null when there is none.
     *
     * @throws UncheckedIOException when it cannot be read
     */
    JsonNode read(String name) {
        if (number(name) == 0) {
            return null;
        }
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            return null;
        }
        try {
            return Rows.JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the zones and watchlist record " + p, e);
        }
    }
}
