package org.watchkeeper.core.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ReCAAP ISC significance level of an actual incident of piracy or armed robbery against ships.
 *
 * <p>Sources: ReCAAP Information Sharing Centre, quarterly and annual reports "Piracy and Armed Robbery
 * against Ships in Asia", appendix "Definitions and methodology in classifying incidents"
 * (e.g. the January–September 2016 report), and the ISC's weekly summaries as quoted in the maritime
 * press (e.g. maritimemanual.com, 28 Oct 2019: "CAT 2 ... perpetrators armed with knives/machetes and
 * sometimes guns; crew threatened or held hostage; some injury"; mfame.guru, 2025: "CAT 4 ... least
 * significant ... perpetrators not armed and crew not injured"). The ISC weighs two violence factors —
 * the type of weapons, the treatment of the crew and the number of perpetrators — and one economic
 * factor — what was stolen — into four levels:
 * <ul>
 *   <li>CAT 1, very significant: many perpetrators (more than 9), armed with guns, crew killed,
 *       kidnapped or injured, ship hijacked or cargo stolen;</li>
 *   <li>CAT 2, moderately significant: 4 to 9 perpetrators, armed with knives/machetes and sometimes
 *       guns, crew threatened, tied up, held hostage or injured, cash and property stolen;</li>
 *   <li>CAT 3, less significant: 1 to 6 perpetrators, armed with knives/machetes or not stated, crew
 *       not harmed, ship's stores or engine spares stolen;</li>
 *   <li>CAT 4, least significant: 1 to 3 perpetrators, not armed, crew not harmed, nothing stolen.</li>
 * </ul>
 * Attempted incidents (the perpetrators did not get on board) get no category.
 *
 * <p>The rules of {@link #assess}: each known factor points at a level, and the most severe level any
 * factor points at is the category (a single CAT 1 factor such as a hijacking or a kidnapped crew
 * makes the incident CAT 1, as in the ISC's reports). Factor levels:
 * <ul>
 *   <li>type: hijacking → 1 (ship taken), kidnapping → 1 (crew taken);</li>
 *   <li>crew: killed or kidnapped → 1; injured, threatened, tied up or held hostage → 2; not harmed → 4;</li>
 *   <li>weapons: guns → 2; knives, machetes or armed with unstated weapons → 3; not armed → 4;</li>
 *   <li>perpetrators: more than 9 → 1; 7 to 9 → 2 (4 to 6 fits both CAT 2 and CAT 3 and decides nothing);</li>
 *   <li>loss: cargo or ship → 1; cash or property → 2; stores or spares → 3; nothing → 4.</li>
 * </ul>
 * A factor the report does not state points at nothing; when no factor is known the incident is
 * CAT 4 (boarded, nothing known to be taken or harmed).
 */
public enum RecaapCategory {
    CAT_1, CAT_2, CAT_3, CAT_4;

    /** The API name: {@code CAT 1} .. {@code CAT 4}. */
    public String apiName() {
        return "CAT " + level();
    }

    /** 1 (very significant) .. 4 (least significant). */
    public int level() {
        return ordinal() + 1;
    }

    static RecaapCategory ofLevel(int level) {
        return values()[level - 1];
    }

    /**
     * Parses {@code CAT 2}, {@code cat2}, {@code CAT_2} or {@code 2}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static RecaapCategory parse(String s) {
        if (s != null) {
            String t = s.trim().toUpperCase(Locale.ROOT).replace("CAT", "").replace("_", "").replace(" ", "");
            if (t.matches("[1-4]")) {
                return ofLevel(Integer.parseInt(t));
            }
        }
        throw new IllegalArgumentException("unknown category '" + s + "': expected CAT 1, CAT 2, CAT 3 or CAT 4");
    }

    /**
     * The computed category and the factors that decided it.
     *
     * @param category the category, or {@code null} when the incident gets none (not an actual boarding)
     * @param basis one line per factor that pointed at a level, e.g. {@code "weapons knives → CAT 3"}
     */
    public record Assessment(RecaapCategory category, List<String> basis) {
        public Assessment {
            basis = List.copyOf(basis);
        }
    }

    /**
     * Computes the category of an incident by the rules in the class description.
     *
     * @return the assessment; its category is null for attempted attacks, suspicious approaches,
     *     firing upon without boarding and other incidents that are not a boarding
     */
    public static Assessment assess(IncidentType type, Weapons weapons, CrewHarm harm, Integer perpetrators,
                                    EconomicLoss loss) {
        List<String> basis = new ArrayList<>();
        if (type == null || !type.boarded()) {
            basis.add("type " + (type == null ? "unknown" : type.apiName())
                    + ": not an actual boarding, ReCAAP ISC assigns no category");
            return new Assessment(null, basis);
        }
        int level = 4;
        if (type == IncidentType.HIJACKING || type == IncidentType.KIDNAPPING) {
            level = note(basis, level, 1, "type " + type.apiName());
        }
        if (harm != null) {
            switch (harm) {
                case KILLED, KIDNAPPED -> level = note(basis, level, 1, "crew " + harm.apiName());
                case INJURED, THREATENED -> level = note(basis, level, 2, "crew " + harm.apiName());
                case NONE -> level = note(basis, level, 4, "crew not harmed");
                default -> { }
            }
        }
        if (weapons != null) {
            switch (weapons) {
                case GUNS -> level = note(basis, level, 2, "weapons guns");
                case KNIVES, ARMED_UNSPECIFIED -> level = note(basis, level, 3, "weapons " + weapons.apiName());
                case NONE -> level = note(basis, level, 4, "not armed");
                default -> { }
            }
        }
        if (perpetrators != null) {
            if (perpetrators > 9) {
                level = note(basis, level, 1, perpetrators + " perpetrators");
            } else if (perpetrators >= 7) {
                level = note(basis, level, 2, perpetrators + " perpetrators");
            }
        }
        if (loss != null) {
            switch (loss) {
                case CARGO_OR_SHIP -> level = note(basis, level, 1, "loss cargo or ship");
                case PROPERTY -> level = note(basis, level, 2, "loss cash or property");
                case STORES -> level = note(basis, level, 3, "loss stores or spares");
                case NOTHING -> level = note(basis, level, 4, "nothing stolen");
                default -> { }
            }
        }
        if (basis.isEmpty()) {
            basis.add("boarded; no weapons, harm or loss reported → CAT 4");
        }
        return new Assessment(ofLevel(level), basis);
    }

    private static int note(List<String> basis, int level, int factorLevel, String what) {
        basis.add(what + " → CAT " + factorLevel);
        return Math.min(level, factorLevel);
    }
}
