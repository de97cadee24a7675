package org.watchkeeper.core.detect.identity;

/**
 * IMO ship identification numbers (IMO Resolution A.1117(30), "IMO ship identification number
 * scheme", Annex para. 3): seven digits, the last a check digit. Multiply the first six digits by
 * 7, 6, 5, 4, 3 and 2 from the left; the right-most digit of the sum is the check digit. Example
 * from the resolution: IMO 9074729, 9×7 + 0×6 + 7×5 + 4×4 + 7×3 + 2×2 = 139, check digit 9.
 */
public final class ImoNumber {
    private ImoNumber() {
    }

    /** Whether {@code imo} has seven digits (1 000 000..9 999 999). */
    public static boolean hasSevenDigits(int imo) {
        return imo >= 1_000_000 && imo <= 9_999_999;
    }

    /**
     * The check digit of a seven-digit number computed from its first six digits.
     *
     * @throws IllegalArgumentException if {@code imo} does not have seven digits
     */
    public static int checkDigit(int imo) {
        if (!hasSevenDigits(imo)) {
            throw new IllegalArgumentException("an IMO number has seven digits: " + imo);
        }
        int sum = 0;
        int rest = imo / 10;
        for (int weight = 2; weight <= 7; weight++) {
            sum += (rest % 10) * weight;
            rest /= 10;
        }
        return sum % 10;
    }

    /** Whether {@code imo} has seven digits and its last digit is the check digit. */
    public static boolean isValid(int imo) {
        return hasSevenDigits(imo) && imo % 10 == checkDigit(imo);
    }
}
