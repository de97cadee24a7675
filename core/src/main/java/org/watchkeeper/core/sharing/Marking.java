package org.watchkeeper.core.sharing;

import java.util.Objects;
import java.util.Set;

/**
 * Who may see one shared item (an incident, an event, a zone): its TLP 2.0 marking with the owning
 * organisation, the partner organisations it was shared with, and the named recipients.
 *
 * @param tlp the marking
 * @param ownerOrg id of the organisation that created the item
 * @param sharedWithOrgs partner organisations the item is shared with (used by {@link Tlp#AMBER})
 * @param recipients user names of the named recipients (used by {@link Tlp#RED}; the creator is always one)
 */
public record Marking(Tlp tlp, String ownerOrg, Set<String> sharedWithOrgs, Set<String> recipients) {
    public Marking {
        Objects.requireNonNull(tlp, "tlp");
        Objects.requireNonNull(ownerOrg, "ownerOrg");
        sharedWithOrgs = sharedWithOrgs == null ? Set.of() : Set.copyOf(sharedWithOrgs);
        recipients = recipients == null ? Set.of() : Set.copyOf(recipients);
    }

    /**
     * Whether {@code p} may see the item under TLP 2.0:
     * CLEAR and GREEN — every authenticated user; AMBER — users of the owning organisation and of
     * the organisations in {@code sharedWithOrgs}; AMBER+STRICT — users of the owning organisation only;
     * RED — only users named in {@code recipients}. A partner's sharing policy may narrow this further;
     * it never widens it.
     */
    public boolean visibleTo(Principal p) {
        return switch (tlp) {
            case CLEAR, GREEN -> true;
            case AMBER -> p.org().equals(ownerOrg) || sharedWithOrgs.contains(p.org());
            case AMBER_STRICT -> p.org().equals(ownerOrg);
            case RED -> recipients.contains(p.user());
        };
    }
}
