package org.watchkeeper.ais;

import java.util.Locale;

/**
 * Why some input was not used, as an enum constant with two spellings: {@link #code()}, the
 * constant's name in lower case ({@code bad_checksum}, {@code out_of_order}), wherever a program reads
 * it (JSON keys and values, the {@code --errors} file's reason column, metric names), and
 * {@link #description()} ({@code checksum mismatch}, {@code out of order}) in the summaries a person
 * reads. Implemented by {@link RejectReason} (lines), and in {@code core} by the reasons a CSV row or
 * a position is rejected.
 */
public interface Reason {
    /** The constant's name, as {@link Enum#name()} gives it ({@code BAD_CHECKSUM}). */
    String name();

    /** A short human-readable description, for summaries a person reads; never null. */
    String description();

    /** The reason in machine-readable output: {@link #name()} in lower case ({@code bad_checksum}). */
    default String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} whose {@link #code()} is {@code code}.
     *
     * @return the reason, or null when no constant has that code (also for a null code)
     */
    static <E extends Enum<E> & Reason> E ofCode(Class<E> type, String code) {
        for (E e : type.getEnumConstants()) {
            if (e.code().equals(code)) {
                return e;
            }
        }
        return null;
    }
}
