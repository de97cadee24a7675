package org.watchkeeper.core.incident;

import java.util.Locale;

/** Shared naming of the incident enums in the API: lower case, words joined by '_'. */
final class ApiEnum {
    private ApiEnum() {
    }

    static String apiName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an API name (case-insensitive; spaces and '-' accepted for '_').
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static <E extends Enum<E>> E parse(Class<E> type, String what, String s) {
        if (s != null) {
            String t = s.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(t)) {
                    return e;
                }
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(apiName(e));
        }
        throw new IllegalArgumentException("unknown " + what + " '" + s + "': expected one of " + names);
    }
}
