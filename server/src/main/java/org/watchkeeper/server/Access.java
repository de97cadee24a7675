package org.watchkeeper.server;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import org.watchkeeper.core.sharing.Principal;
import org.watchkeeper.core.sharing.Role;
import org.watchkeeper.core.sharing.SharingPolicy;

/**
 * The caller of an HTTP request, as the authentication filter established it, and the checks routes
 * make against it. Routes call {@link #principal}, {@link #require} and {@link #policy}; the
 * authentication filter calls {@link #set}.
 */
public final class Access {

    static final String PRINCIPAL = "watchkeeper.principal";
    static final String POLICY = "watchkeeper.policy";

    /** The principal of requests when no authentication filter is installed: an admin of the host organisation. */
    public static final Principal LOCAL = new Principal("local", "host", Role.ADMIN, true);

    private Access() {
    }

    /** Records the authenticated caller and its policy on the request. */
    public static void set(Context ctx, Principal p, SharingPolicy policy) {
        ctx.attribute(PRINCIPAL, p);
        ctx.attribute(POLICY, policy);
    }

    /** The authenticated caller. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        return p == null ? LOCAL : p;
    }

    /** The caller's sharing policy ({@link SharingPolicy#UNRESTRICTED} for the host organisation). */
    public static SharingPolicy policy(Context ctx) {
        SharingPolicy s = ctx.attribute(POLICY);
        return s == null ? SharingPolicy.UNRESTRICTED : s;
    }

    /**
     * @throws ForbiddenResponse (403) when the caller's role is below {@code role}
     * @throws io.javalin.http.UnauthorizedResponse (401) for an anonymous caller of published data
     */
    public static Principal require(Context ctx, Role role) {
        Principal p = principal(ctx);
        if (Security.anonymous(ctx)) {
            throw new io.javalin.http.UnauthorizedResponse("authentication required");
        }
        if (!p.role().atLeast(role)) {
            throw new ForbiddenResponse("this needs the " + role.apiName() + " role; " + p.user() + " is "
                    + p.role().apiName());
        }
        return p;
    }
}
