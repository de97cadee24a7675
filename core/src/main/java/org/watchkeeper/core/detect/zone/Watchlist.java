package org.watchkeeper.core.detect.zone;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.watchkeeper.ais.Mmsi;

/**
 * Vessels of interest, by MMSI, IMO number or name. Names are compared {@link #normaliseName
 * normalised}, so "Ever-Given", "EVER GIVEN" and "ever  given" match each other. Immutable.
 *
 * <p>Text form ({@link #parse}): one entry per line, {@code mmsi <digits>} (up to 1073741823, the
 * largest the 30-bit AIS field carries), {@code imo <digits>} (the number as registries print it,
 * {@code imo IMO 9074729}, is taken too) or
 * {@code name <text>}, optionally followed by {@code | <note>} (shown in events); blank lines and
 * lines starting with {@code #} are ignored.
 */
public final class Watchlist implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<Integer, String> mmsis;
    private final Map<Integer, String> imos;
    private final Map<String, String> names;

    /**
     * @param mmsis listed MMSIs → note (may be empty text)
     * @param imos listed IMO numbers → note
     * @param names listed names (any spelling; normalised here) → note
     */
    public Watchlist(Map<Integer, String> mmsis, Map<Integer, String> imos, Map<String, String> names) {
        this.mmsis = new LinkedHashMap<>(mmsis);
        this.imos = new LinkedHashMap<>(imos);
        this.names = new LinkedHashMap<>();
        names.forEach((k, v) -> {
            String n = normaliseName(k);
            if (!n.isEmpty()) {
                this.names.put(n, v);
            }
        });
    }

    /**
     * A name for comparison: upper case, every run of characters other than A-Z and 0-9 (spaces,
     * punctuation, the AIS {@code @} padding) replaced by one space, trimmed. Null gives "".
     */
    public static String normaliseName(String name) {
        if (name == null) {
            return "";
        }
        String up = name.toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(up.length());
        boolean space = false;
        for (int i = 0; i < up.length(); i++) {
            char c = up.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(c);
                space = false;
            } else {
                space = true;
            }
        }
        return sb.toString();
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException on a line that is not an entry (with its line number)
     */
    public static Watchlist parse(List<String> lines) {
        Map<Integer, String> m = new LinkedHashMap<>(), i = new LinkedHashMap<>();
        Map<String, String> n = new LinkedHashMap<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String note = "";
            int bar = line.indexOf('|');
            if (bar >= 0) {
                note = line.substring(bar + 1).strip();
                line = line.substring(0, bar).strip();
            }
            int sp = line.indexOf(' ');
            String key = sp < 0 ? line : line.substring(0, sp).toLowerCase(Locale.ROOT);
            String value = sp < 0 ? "" : line.substring(sp + 1).strip();
            try {
                switch (key) {
                    case "mmsi" -> m.put(mmsi(value), note);
                    case "imo" -> i.put(number(withoutImoPrefix(value), 7, "an IMO number is 7 digits"), note);
                    case "name" -> {
                        if (normaliseName(value).isEmpty()) {
                            throw new IllegalArgumentException("empty name");
                        }
                        n.put(value, note);
                    }
                    default -> throw new IllegalArgumentException("expected mmsi, imo or name");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("watchlist line " + (ln + 1) + ": " + e.getMessage() + ": " + lines.get(ln), e);
            }
        }
        return new Watchlist(m, i, n);
    }

    /**
     * An IMO number's text without the {@code IMO} that registries and ships' papers print before it
     * ({@code "IMO 9074729"}, {@code "imo9074729"} → {@code "9074729"}); other text is returned stripped.
     */
    public static String withoutImoPrefix(String value) {
        String t = value.strip();
        if (t.regionMatches(true, 0, "IMO", 0, 3)) {
            t = t.substring(3).strip();
        }
        return t;
    }

    /** {@code value} as a positive number of at most {@code digits} digits, else {@code what} is thrown. */
    private static int number(String value, int digits, String what) {
        if (value.isEmpty() || value.length() > digits || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + ", not '" + value + "'");
        }
        int v = Integer.parseInt(value);
        if (v == 0) {
            throw new IllegalArgumentException(what + ", not 0");
        }
        return v;
    }

    /**
     * The MMSI of an {@code mmsi} line: digits, up to the largest the 30-bit AIS field carries (a value
     * above 9 digits is one some stations send, and the picture lists them), not 0.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static int mmsi(String value) {
        int v = Mmsi.parse(value, "mmsi");
        if (v == 0) {
            throw new IllegalArgumentException("mmsi 0 is the placeholder of a transmitter without one, not a vessel to watch");
        }
        return v;
    }

    /** Reads the text form from a UTF-8 file. */
    public static Watchlist read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The note of a listed MMSI, or null when not listed. */
    public String mmsi(int mmsi) {
        return mmsis.get(mmsi);
    }

    /** The note of a listed IMO number, or null. */
    public String imo(int imo) {
        return imos.get(imo);
    }

    /** The normalised listed name matching {@code name}, or null. */
    public String matchName(String name) {
        String n = normaliseName(name);
        return names.containsKey(n) ? n : null;
    }

    /** The note of a normalised listed name, or null. */
    public String nameNote(String normalised) {
        return names.get(normalised);
    }

    /**
     * The entries of this list and of {@code other}, e.g. of two files. An entry in both keeps this
     * list's note, or takes {@code other}'s when this one's is empty.
     */
    public Watchlist plus(Watchlist other) {
        Map<Integer, String> m = new LinkedHashMap<>(mmsis);
        Map<Integer, String> i = new LinkedHashMap<>(imos);
        Map<String, String> n = new LinkedHashMap<>(names);
        add(m, other.mmsis);
        add(i, other.imos);
        add(n, other.names);
        return new Watchlist(m, i, n);
    }

    private static <K> void add(Map<K, String> into, Map<K, String> from) {
        from.forEach((k, v) -> {
            String had = into.get(k);
            if (had == null || had.isEmpty()) {
                into.put(k, v);
            }
        });
    }

    /** Number of entries. */
    public int size() {
        return mmsis.size() + imos.size() + names.size();
    }
}
