package org.watchkeeper.core.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * An analyst's decision to set an incident's ReCAAP ISC category by hand. It is kept beside the
 * computed category, never in its place.
 *
 * @param category the category the analyst set
 * @param reason why (required, non-blank, at most 2000 characters)
 * @param by user name of the analyst
 * @param time when it was set
 */
public record CategoryOverride(RecaapCategory category, String reason, String by, Instant time) {
    public CategoryOverride {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(by, "by");
        time = Objects.requireNonNull(time, "time").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an override of the category needs a reason");
        }
        if (reason.length() > 2000) {
            throw new IllegalArgumentException("reason is longer than 2000 characters");
        }
        reason = reason.strip();
    }
}
