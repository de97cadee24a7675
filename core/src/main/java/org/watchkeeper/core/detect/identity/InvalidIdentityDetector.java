package org.watchkeeper.core.detect.identity;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.watchkeeper.ais.Mmsi;
import org.watchkeeper.core.detect.Detector;
import org.watchkeeper.core.detect.DetectorContext;
import org.watchkeeper.core.detect.Event;
import org.watchkeeper.core.detect.EventKind;
import org.watchkeeper.core.observation.IdentityObservation;
import org.watchkeeper.core.observation.Observation;
import org.watchkeeper.core.observation.PositionObservation;
import org.watchkeeper.core.ref.MaritimeIdentificationDigits;

/**
 * Reports identities that fail their validity rules ({@link EventKind#INVALID_IDENTITY}): MMSIs
 * that are not nine digits or follow no ITU-R M.585-9 pattern, MIDs missing from the ITU Table of
 * Maritime Identification Digits, message types the MMSI's kind of station does not send, IMO
 * numbers without seven digits or with a bad check digit (the all-ones filler 1 073 741 823 is taken
 * as not available), empty or garbage names (see
 * {@link IdentityProblem} for each rule and its source).
 *
 * <p>One event per vessel (MMSI) and problem, at the first observation showing it; the state
 * remembers what was reported, so a vessel repeating a bad IMO number in every type 5 message gives
 * one event. Instantaneous events ({@code start == end}); position: the vessel's last position
 * reported before or with the observation, {@code NaN} when none was seen yet. Attributes:
 * {@code reason} ({@link IdentityProblem#id()}), {@code mmsi} (nine-digit text), {@code message_type} (left
 * out for an observation of a CSV row, which came from no AIS message),
 * {@code value} (the offending MMSI, MID, IMO or name) and {@code detail} (what was expected).
 * Parameters: {@code checks}, the problems this detector was set to report (so a reader can tell
 * a check that found nothing from one that was not run). Evidence: the position observation, when
 * the problem showed in one.
 *
 * <p>Type 11 (UTC/date response) is not checked against the station kind: any mobile station sends
 * it in reply to a type 10 inquiry. Type 24 names are not checked for emptiness, because the
 * observation of a part B carries no name either. Type 27 is a ship's long-range report.
 */
public final class InvalidIdentityDetector implements Detector<InvalidIdentityDetector.State> {

    /**
     * Settings.
     *
     * @param problems the problems to report (default: all of {@link IdentityProblem})
     */
    public record Config(Set<IdentityProblem> problems) {
        /** Copies the set. */
        public Config {
            problems = problems.isEmpty() ? EnumSet.noneOf(IdentityProblem.class) : EnumSet.copyOf(problems);
        }

        /** Every problem enabled. */
        public static Config defaults() {
            return new Config(EnumSet.allOf(IdentityProblem.class));
        }
    }

    /**
     * Per-vessel state: problems already reported, the message types whose MMSI checks are done, and
     * the last position. Serial version 2: version 1 had no {@code checkedTypes}.
     */
    public static final class State implements Serializable {
        private static final long serialVersionUID = 2L;
        int reported;
        /**
         * Bit {@code t} set: the MMSI checks (which depend on the MMSI, the key, and the message type
         * {@code t} only) have been run for type {@code t}, so running them again reports nothing new.
         */
        long checkedTypes;
        double lat = Double.NaN;
        double lon = Double.NaN;
    }

    private final Config config;
    private final MaritimeIdentificationDigits mids;

    /**
     * @param config settings
     * @param mids the MID table ({@link MaritimeIdentificationDigits#standard()} in production)
     */
    public InvalidIdentityDetector(Config config, MaritimeIdentificationDigits mids) {
        this.config = config;
        this.mids = mids;
    }

    /** With every problem enabled and the shipped MID table. */
    public static InvalidIdentityDetector withDefaults() {
        return new InvalidIdentityDetector(Config.defaults(), MaritimeIdentificationDigits.standard());
    }

    @Override
    public String name() {
        return "invalid_identity";
    }

    @Override
    public State createState() {
        return new State();
    }

    @Override
    public void onObservation(Observation o, State s, DetectorContext ctx) {
        PositionObservation p = o instanceof PositionObservation po ? po : null;
        if (p != null && p.hasPosition()) {
            s.lat = p.latitude();
            s.lon = p.longitude();
        }
        int mmsi = o.mmsi();
        int type = o.messageType();
        if (type >= 0 && type < Long.SIZE) {
            long bit = 1L << type;
            if ((s.checkedTypes & bit) == 0) {
                s.checkedTypes |= bit;
                checkMmsi(o, p, s, ctx, mmsi, type);
            }
        } else {
            checkMmsi(o, p, s, ctx, mmsi, type);
        }
        if (o instanceof IdentityObservation id) {
            checkIdentity(id, s, ctx);
        }
    }

    /** The checks of the MMSI and of the station kind its message type needs. */
    private void checkMmsi(Observation o, PositionObservation p, State s, DetectorContext ctx, int mmsi, int type) {
        if (mmsi > Mmsi.MAX_VALID || mmsi < 0) {
            report(IdentityProblem.MMSI_NOT_NINE_DIGITS, o, p, s, ctx, Integer.toString(mmsi),
                    "an MMSI has nine digits (ITU-R M.585-9)");
        } else {
            Mmsi.Kind kind = Mmsi.kind(mmsi);
            if (kind == Mmsi.Kind.INVALID) {
                report(IdentityProblem.MMSI_INVALID_PATTERN, o, p, s, ctx, Mmsi.format(mmsi),
                        "no ITU-R M.585-9 pattern matches");
            } else {
                int mid = Mmsi.mid(mmsi);
                if (mid >= 0 && mids.byMid(mid) == null) {
                    report(IdentityProblem.MID_NOT_ALLOCATED, o, p, s, ctx, Integer.toString(mid),
                            "MID " + mid + " is not in the ITU Table of Maritime Identification Digits");
                }
                String expected = expectedKinds(type, kind);
                if (expected != null) {
                    report(IdentityProblem.STATION_KIND_MISMATCH, o, p, s, ctx, Mmsi.format(mmsi),
                            "type " + type + " is sent by " + expected + ", the MMSI is a " + kind.name().toLowerCase()
                                    + " MMSI");
                }
            }
        }
    }

    /**
     * The IMO field with all 30 bits set, 1 073 741 823: what transponders whose IMO number was never
     * entered send, a filler like 0 ("not available", ITU-R M.1371-5 Table 52), not a claimed number.
     * (Other values from 10 000 000 are flag-state numbers in the table, but in practice mostly IMO
     * numbers mistyped, e.g. with two zeros appended, or the MMSI entered again: still reported.)
     */
    static final int ALL_ONES = (1 << 30) - 1;

    private void checkIdentity(IdentityObservation id, State s, DetectorContext ctx) {
        int imo = id.imo();
        if (imo != Observation.NOT_AVAILABLE && imo != ALL_ONES) {
            if (!ImoNumber.hasSevenDigits(imo)) {
                report(IdentityProblem.IMO_NOT_SEVEN_DIGITS, id, null, s, ctx, Integer.toString(imo),
                        "an IMO number has seven digits");
            } else if (!ImoNumber.isValid(imo)) {
                report(IdentityProblem.IMO_BAD_CHECK_DIGIT, id, null, s, ctx, Integer.toString(imo),
                        "check digit " + ImoNumber.checkDigit(imo) + " expected, " + imo % 10 + " sent");
            }
        }
        int type = id.messageType();
        String name = id.name();
        if (name == null) {
            if (type == 5 || type == 19 || type == 21) {
                report(IdentityProblem.NAME_EMPTY, id, null, s, ctx, "", "the name field is empty");
            }
        } else if (isGarbage(name)) {
            report(IdentityProblem.NAME_GARBAGE, id, null, s, ctx, name,
                    name.indexOf('@') >= 0 ? "'@' (no character) inside the name" : "no letter in the name");
        }
    }

    /** Whether a (trimmed) name has no letter A-Z or contains the 6-bit "no character" {@code @}. */
    static boolean isGarbage(String name) {
        boolean letter = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@') {
                return true;
            }
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                letter = true;
            }
        }
        return !letter;
    }

    /**
     * The kinds of station that send {@code type}, described for the event, when {@code kind} is not
     * one of them; null when the pair is consistent or the type is not checked.
     */
    static String expectedKinds(int type, Mmsi.Kind kind) {
        switch (type) {
            case 1:
            case 2:
            case 3:
                // Class A ships; craft of a parent ship; AIS-SART, MOB and EPIRB-AIS send type 1 (M.1371-5 Annex 9).
                return kind == Mmsi.Kind.SHIP || kind == Mmsi.Kind.CRAFT_ASSOCIATED_WITH_PARENT
                        || kind == Mmsi.Kind.AIS_SART || kind == Mmsi.Kind.MOB_DEVICE || kind == Mmsi.Kind.EPIRB_AIS
                        ? null : "ship stations (Class A)";
            case 5:
            case 18:
            case 19:
            case 27:
                return kind == Mmsi.Kind.SHIP || kind == Mmsi.Kind.CRAFT_ASSOCIATED_WITH_PARENT ? null : "ship stations";
            case 24:
                return kind == Mmsi.Kind.SHIP || kind == Mmsi.Kind.CRAFT_ASSOCIATED_WITH_PARENT
                        || kind == Mmsi.Kind.SAR_AIRCRAFT || kind == Mmsi.Kind.AID_TO_NAVIGATION
                        ? null : "ship, SAR aircraft or aid-to-navigation stations";
            case 4:
                return kind == Mmsi.Kind.COAST_STATION ? null : "base stations (00MIDxxxx)";
            case 9:
                return kind == Mmsi.Kind.SAR_AIRCRAFT ? null : "SAR aircraft (111MIDxxx)";
            case 21:
                return kind == Mmsi.Kind.AID_TO_NAVIGATION ? null : "aids to navigation (99MIDxxxx)";
            default:
                return null;
        }
    }

    private void report(IdentityProblem problem, Observation o, PositionObservation p, State s, DetectorContext ctx,
            String value, String detail) {
        int bit = 1 << problem.ordinal();
        if ((s.reported & bit) != 0 || !config.problems().contains(problem)) {
            return;
        }
        s.reported |= bit;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", problem.id());
        attributes.put("mmsi", Mmsi.format(o.mmsi()));
        if (o.messageType() != Observation.NO_MESSAGE_TYPE) { // a CSV row's observation has none
            attributes.put("message_type", o.messageType());
        }
        attributes.put("value", value);
        attributes.put("detail", detail);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("checks", config.problems().stream().map(IdentityProblem::id).toList());
        ctx.emit(Event.of(EventKind.INVALID_IDENTITY, o.time(), o.time(), List.of(o.mmsi()), s.lat, s.lon, null,
                parameters, attributes, p == null ? List.of() : List.of(p), problem.id()));
    }
}
