package io.flotilla.applier.history;

import java.time.Instant;

/**
 * A release suspended by hand ({@code flotilla suspend}): nothing is applied to it and its drift is not corrected
 * until it is resumed; renderings that come meanwhile are kept, the newest applied on resume.
 *
 * @param by     who suspended it, as they said
 * @param at     when
 * @param reason why, as they said; null when they did not say
 */
public record Suspension(String by, Instant at, String reason) {

    /** The release's message while it is suspended, as the applied event and the dashboard show it. */
    public String describe() {
        return "suspended by " + by + " at " + at + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }
}
