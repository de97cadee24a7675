package org.watchkeeper.core.incident;

/**
 * IMO ship identification numbers (IMO Resolution A.1117(30), formerly A.600(15)): seven digits, the
 * last a check digit equal to the last digit of the sum of the first six digits multiplied by 7, 6,
 * 5, 4, 3 and 2 respectively. Example: 9074729 — 9×7 + 0×6 + 7×5 + 4×4 + 7×3 + 2×2 = 139, check digit 9.
 */
public final class Imo {
    private Imo() {
    }

    /** True when {@code imo} has seven digits (1000000..9999999) and a correct check digit. */
    public static boolean isValid(long imo) {
        if (imo < 1_000_000 || imo > 9_999_999) {
            return false;
        }
        long sum = 0;
        long rest = imo / 10;
        for (int weight = 2; weight <= 7; weight++) {
            sum += (rest % 10) * weight;
            rest /= 10;
        }
        return sum % 10 == imo % 10;
    }

    /**
     * Parses {@code 9074729} or {@code IMO 9074729}.
     *
     * @throws IllegalArgumentException when the text is not seven digits or the check digit is wrong
     */
    public static int parse(String s) {
        String t = s == null ? "" : s.trim();
        if (t.regionMatches(true, 0, "IMO", 0, 3)) {
            t = t.substring(3).trim();
        }
        if (!t.matches("\\d{7}")) {
            throw new IllegalArgumentException("an IMO number has seven digits: " + s);
        }
        int v = Integer.parseInt(t);
        if (!isValid(v)) {
            throw new IllegalArgumentException("IMO number " + t + " fails its check digit");
        }
        return v;
    }
}
