package org.watchkeeper.core.sharing;

import java.util.Locale;

/**
 * Traffic Light Protocol 2.0 markings (FIRST, "Traffic Light Protocol (TLP) Version 2.0", August 2022),
 * in increasing order of restriction.
 * <ul>
 *   <li>{@link #CLEAR} — no limit on disclosure;</li>
 *   <li>{@link #GREEN} — the community (here: every partner organisation of this server);</li>
 *   <li>{@link #AMBER} — the recipients' organisations on a need-to-know basis (here: the owning
 *       organisation and the organisations the item is shared with);</li>
 *   <li>{@link #AMBER_STRICT} — only inside the owning organisation;</li>
 *   <li>{@link #RED} — only the named individual recipients.</li>
 * </ul>
 */
public enum Tlp {
    CLEAR("TLP:CLEAR"),
    GREEN("TLP:GREEN"),
    AMBER("TLP:AMBER"),
    AMBER_STRICT("TLP:AMBER+STRICT"),
    RED("TLP:RED");

    private final String label;

    Tlp(String label) {
        this.label = label;
    }

    /** The label as TLP 2.0 writes it, e.g. {@code TLP:AMBER+STRICT}. */
    public String label() {
        return label;
    }

    /** The short name used in the API: {@code CLEAR}, {@code GREEN}, {@code AMBER}, {@code AMBER+STRICT}, {@code RED}. */
    public String apiName() {
        return label.substring(4);
    }

    /**
     * Parses a marking in any of the forms {@code AMBER+STRICT}, {@code amber_strict},
     * {@code TLP:AMBER+STRICT}, {@code tlp:amber+strict}.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is none of them
     */
    public static Tlp parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("TLP marking missing: expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED");
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TLP:")) {
            t = t.substring(4);
        }
        t = t.replace('_', '+').replace(' ', '+');
        for (Tlp v : values()) {
            if (v.apiName().equals(t)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown TLP marking '" + text
                + "': expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED");
    }
}
