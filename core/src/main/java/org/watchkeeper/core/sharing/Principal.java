package org.watchkeeper.core.sharing;

import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param user the user name (unique on the server)
 * @param org the id of the user's organisation
 * @param role the user's role
 * @param hostOrg true when the organisation runs this server (its users are not limited by a sharing
 *     policy; partner organisations are)
 */
public record Principal(String user, String org, Role role, boolean hostOrg) {
    public Principal {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(role, "role");
    }
}
