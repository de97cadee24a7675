package org.watchkeeper.core.sharing;

import java.util.Locale;

/** What a user may do: {@link #VIEWER} reads, {@link #ANALYST} also creates and edits incidents, zones and
 * watchlists, {@link #ADMIN} also manages organisations, users, tokens and sharing policies. */
public enum Role {
    VIEWER, ANALYST, ADMIN;

    /** True when this role includes everything {@code other} may do. */
    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** Lower-case API name. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Role parse(String s) {
        if (s != null) {
            for (Role r : values()) {
                if (r.apiName().equalsIgnoreCase(s.trim())) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("unknown role '" + s + "': expected viewer, analyst or admin");
    }
}
