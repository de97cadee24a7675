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
     * Why a list given with a marking would have no effect under its TLP, or {@code null} when each list
     * given is one the TLP uses: {@code shared_with} counts under {@link Tlp#AMBER} only, {@code recipients}
     * under {@link Tlp#RED} only. An item marked AMBER+STRICT with partner organisations would echo them
     * back as if it had been shared with them, while none of their users may see it.
     *
     * @param sharedWith the organisations given (empty when none)
     * @param recipients the recipients given (empty when none)
     * @return a message naming the list, the TLP and what to do instead
     */
    public static String unusedList(Tlp tlp, Set<String> sharedWith, Set<String> recipients) {
        if (tlp != Tlp.AMBER && !sharedWith.isEmpty()) {
            return "shared_with has no effect under " + tlp.label() + " ("
                    + (tlp == Tlp.AMBER_STRICT ? "the owning organisation only" : tlp == Tlp.RED ? "the named recipients only" : "every user")
                    + "): mark it AMBER to share it with other organisations, or leave shared_with out";
        }
        if (tlp != Tlp.RED && !recipients.isEmpty()) {
            return "recipients has no effect under " + tlp.label() + ": only RED limits an item to named recipients;"
                    + " mark it RED, or leave recipients out";
        }
        return null;
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
