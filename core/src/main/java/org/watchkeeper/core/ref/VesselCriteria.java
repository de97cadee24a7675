package org.watchkeeper.core.ref;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchkeeper.core.observation.StationClass;

/**
 * Vessel filters by ship type, flag and station class, as the HTTP API's {@code shiptype}, {@code flag}
 * and {@code class} parameters and {@code watchkeeper query events}' {@code --shiptype}, {@code --flag}
 * and {@code --class} options take them: each a comma-separated list, which may also be given
 * several times ({@code flag=PA&flag=LR}, {@code --flag PA --flag LR}: the union of the lists, as
 * {@code flag=PA,LR}), a vessel passing when it matches one value of every filter given.
 *
 * <ul>
 * <li>ship type: ITU-R M.1371-5 ship and cargo type codes (Table 53, the field of messages 5 and 24B,
 *     0..255 as sent) or inclusive ranges of them: {@code 80-89} (tankers), {@code 70-79,80-89},
 *     {@code 30} (fishing). A vessel whose type is not known matches none.
 * <li>flag: ISO 3166-1 alpha-2 codes (any case, held upper case) of the flag state the MMSI's MID gives
 *     ({@link MaritimeIdentificationDigits}): {@code PA,LR,MH}. A code must be an assigned ISO 3166-1
 *     alpha-2 code or one the MID table gives; {@code UK} is refused (the United Kingdom's code is
 *     {@code GB}).
 * <li>class: kinds of station ({@link StationClass#id()} other than {@code unknown}), any case, held as
 *     {@link #CLASSES} names them: {@code A,B}.
 * </ul>
 * Every parse method throws {@link IllegalArgumentException} whose message begins with the name the
 * caller gives (a parameter {@code flag}, an option {@code --flag}) and names the item at fault, not
 * the whole list ({@code shiptype=70,80--89} names {@code 80--89}): an empty value, an empty item of
 * a list (naming the value that holds it), a malformed item, an unknown code, or more than
 * {@link #MAX_VALUES} items in all.
 *
 * @param shipTypes ship type codes allowed (bits 0..255), or null for any
 * @param flags upper-case alpha-2 codes allowed, in the order given, or null for any
 * @param classes station classes allowed, as {@link #CLASSES} names them, or null for any
 */
public record VesselCriteria(BitSet shipTypes, Set<String> flags, Set<String> classes) {
    /** The largest value of the 8-bit ship type field. */
    public static final int MAX_SHIP_TYPE = 255;
    /** Values a list may hold (a longer list is refused): bounds the work of a request. */
    public static final int MAX_VALUES = 64;
    /** The station classes a filter takes, as every output names them. */
    public static final List<String> CLASSES = Arrays.stream(StationClass.values())
            .filter(c -> c != StationClass.UNKNOWN).map(StationClass::id).toList();

    private static final Pattern CODE = Pattern.compile("-?\\d+");
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");
    /** Codes people write for a country whose ISO 3166-1 alpha-2 code differs (exceptionally reserved codes). */
    private static final Map<String, String> HINTS = Map.of(
            "UK", "the United Kingdom's is GB",
            "EL", "Greece's is GR");
    private static final Set<String> COUNTRIES = countries();

    private static Set<String> countries() {
        Set<String> s = new HashSet<>(Arrays.asList(Locale.getISOCountries()));
        // every code a vessel's flag can be: the MID table's, also one the JDK would not list
        for (FlagState f : MaritimeIdentificationDigits.standard().all()) {
            s.add(f.iso2());
        }
        return Collections.unmodifiableSet(s);
    }

    /**
     * The filters given, or null when none is (each argument null when not given).
     *
     * @param prefix what precedes each filter's name in a message: {@code ""} for the API's parameters
     *        ({@code flag}), {@code "--"} for options ({@code --flag})
     * @throws IllegalArgumentException for a value given but empty, or malformed, naming the filter and the value
     */
    public static VesselCriteria parse(String shipType, String flag, String vesselClass, String prefix) {
        return parseLists(one(shipType), one(flag), one(vesselClass), prefix);
    }

    /**
     * The filters given, each as the values of a parameter or option given several times (each value a
     * comma-separated list; the filter allows the union of them), or null when none is.
     *
     * @param shipTypes the values given for the ship type filter, null or empty when not given
     * @param flags the values given for the flag filter, null or empty when not given
     * @param classes the values given for the class filter, null or empty when not given
     * @param prefix what precedes each filter's name in a message
     * @throws IllegalArgumentException for a value given but empty, or an item malformed, naming the filter
     *         and the item
     */
    public static VesselCriteria parseLists(List<String> shipTypes, List<String> flags, List<String> classes, String prefix) {
        BitSet t = shipTypesOf(shipTypes, prefix + "shiptype");
        Set<String> f = flagsOf(flags, prefix + "flag");
        Set<String> c = classesOf(classes, prefix + "class");
        return t == null && f == null && c == null ? null : new VesselCriteria(t, f, c);
    }

    private static List<String> one(String s) {
        return s == null ? null : List.of(s);
    }

    /**
     * Ship type codes from {@code 80}, {@code 80-89} or {@code 70-79,80,82} (blanks around the items and
     * the dash allowed); null for null.
     *
     * @param name the filter's name in messages ({@code shiptype}, {@code --shiptype})
     * @throws IllegalArgumentException for an empty value or item, an item that is neither a whole
     *         number nor two joined by one dash ({@code 80--89}), a code out of 0..255, a range whose
     *         end is below its start, or more than {@link #MAX_VALUES} items
     */
    public static BitSet shipTypes(String s, String name) {
        return shipTypesOf(one(s), name);
    }

    /** As {@link #shipTypes(String, String)}, over the values of a filter given several times (the union). */
    private static BitSet shipTypesOf(List<String> values, String name) {
        List<String> parts = items(values, name, "ITU-R M.1371-5 ship and cargo type codes such as 30, or ranges such as 80-89");
        if (parts == null) {
            return null;
        }
        BitSet out = new BitSet(MAX_SHIP_TYPE + 1);
        for (String p : parts) {
            int lo;
            int hi;
            Matcher range = RANGE.matcher(p);
            if (range.matches()) {
                lo = code(range.group(1), name, p);
                hi = code(range.group(2), name, p);
            } else if (CODE.matcher(p).matches()) {
                lo = code(p, name, p);
                hi = lo;
            } else {
                throw new IllegalArgumentException(name + " must be an integer code (ITU-R M.1371-5 Table 53), a range such as"
                        + " 80-89, or a comma-separated list of them: " + p);
            }
            if (hi < lo) {
                throw new IllegalArgumentException(name + " range " + p + " ends below its start");
            }
            out.set(lo, hi + 1);
        }
        return out;
    }

    private static int code(String digits, String name, String item) {
        BigInteger v = new BigInteger(digits);
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(MAX_SHIP_TYPE)) > 0) {
            throw new IllegalArgumentException(name + " must be in 0.." + MAX_SHIP_TYPE + ": " + item);
        }
        return v.intValue();
    }

    /**
     * Flag codes, upper case, in the order given without repeats; null for null.
     *
     * @param name the filter's name in messages ({@code flag}, {@code --flag})
     * @throws IllegalArgumentException for an empty value or item, an item not of two letters, two
     *         letters that are no ISO 3166-1 alpha-2 code ({@code UK}, {@code ZZ}), or more than
     *         {@link #MAX_VALUES} items
     */
    public static Set<String> flags(String s, String name) {
        return flagsOf(one(s), name);
    }

    /** As {@link #flags(String, String)}, over the values of a filter given several times (the union). */
    private static Set<String> flagsOf(List<String> values, String name) {
        List<String> parts = items(values, name, "ISO 3166-1 alpha-2 codes such as PA,LR");
        if (parts == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : parts) {
            if (!p.matches("[A-Za-z]{2}")) {
                throw new IllegalArgumentException(name + " must be an ISO 3166-1 alpha-2 code such as SG, or a comma-separated"
                        + " list such as PA,LR: " + p);
            }
            String up = p.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(up)) {
                String hint = HINTS.get(up);
                throw new IllegalArgumentException(name + " " + up + " is not an ISO 3166-1 alpha-2 country code"
                        + (hint != null ? " (" + hint + ")" : ""));
            }
            out.add(up);
        }
        return out;
    }

    /** Whether {@code code} (upper case) is a flag {@link #flags} takes. */
    public static boolean isFlag(String code) {
        return COUNTRIES.contains(code);
    }

    /**
     * Station classes, as {@link #CLASSES} names them ({@code a} is {@code A}), in the order given without
     * repeats; null for null.
     *
     * @param name the filter's name in messages ({@code class}, {@code --class})
     * @throws IllegalArgumentException for an empty value or item, a class not in {@link #CLASSES}, or
     *         more than {@link #MAX_VALUES} items
     */
    public static Set<String> classes(String s, String name) {
        return classesOf(one(s), name);
    }

    /** As {@link #classes(String, String)}, over the values of a filter given several times (the union). */
    private static Set<String> classesOf(List<String> values, String name) {
        List<String> parts = items(values, name, "station classes such as A,B");
        if (parts == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : parts) {
            String known = CLASSES.stream().filter(c -> c.equalsIgnoreCase(p)).findFirst().orElse(null);
            if (known == null) {
                throw new IllegalArgumentException(name + " must be one of " + String.join(", ", CLASSES) + ": " + p);
            }
            out.add(known);
        }
        return out;
    }

    /** The stripped items of comma-separated lists, in the order given; null for null or no list. */
    /**
     * The items of a list filter given as {@code values} (the values of a parameter or option given
     * several times, each a comma-separated list; blanks around the items stripped), or null when it is
     * not given: the rule every list filter follows, these vessel filters and the event kinds alike.
     *
     * @param name the filter's name in messages ({@code kind}, {@code --flag})
     * @param what what the filter takes, for the message of an empty value ({@code event kinds such as gap,drift})
     * @throws IllegalArgumentException for a value given empty ({@code kind is empty; give ..., or leave kind out}),
     *         an empty item ({@code kind=gap,}) or more than {@link #MAX_VALUES} items, naming the filter
     */
    public static List<String> listItems(List<String> values, String name, String what) {
        return items(values, name, what);
    }

    private static List<String> items(List<String> values, String name, String what) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : values) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(name + " is empty; give " + what + ", or leave " + name + " out");
            }
            String[] raw = s.split(",", -1);
            if (out.size() + raw.length > MAX_VALUES) {
                throw new IllegalArgumentException(name + " lists more than " + MAX_VALUES + " values");
            }
            for (String r : raw) {
                String p = r.strip();
                if (p.isEmpty()) {
                    throw new IllegalArgumentException(name + " has an empty item in its list: " + s);
                }
                out.add(p);
            }
        }
        return out;
    }

    /** The flags as one comma-separated value ({@code MH,DK}), or null for any. */
    public String flagText() {
        return flags == null ? null : String.join(",", flags);
    }

    /** The classes as one comma-separated value ({@code A,base_station}), or null for any. */
    public String classText() {
        return classes == null ? null : String.join(",", classes);
    }

    /**
     * Whether a vessel passes, given its fields as the caller may see them.
     *
     * @param shipType the ship type 0..255, or -1 when not known (or withheld)
     * @param flag the alpha-2 flag, or null when not known
     * @param vesselClass the station class as {@link #CLASSES} names it, or null when not known
     */
    public boolean test(int shipType, String flag, String vesselClass) {
        if (shipTypes != null && (shipType < 0 || shipType > MAX_SHIP_TYPE || !shipTypes.get(shipType))) {
            return false;
        }
        if (flags != null && (flag == null || !flags.contains(flag))) {
            return false;
        }
        return classes == null || (vesselClass != null && classes.contains(vesselClass));
    }
}
