package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What is done about drift of a release's live objects ({@code spec.driftDetection.mode}, Flux's names). */
public enum DriftMode implements WireName {
    /** Not looked for. */
    DISABLED,
    /** Reported, left as it is. */
    WARN,
    /** Reported and corrected by applying the release again. */
    ENABLED;

    @JsonValue
    @Override
    public String wire() {
        return switch (this) {
            case DISABLED -> "disabled";
            case WARN -> "warn";
            case ENABLED -> "enabled";
        };
    }

    /** The mode a HelmRelease names; null when it names none, and the fleet's default applies. */
    @JsonCreator
    public static DriftMode of(String wire) {
        return wire == null ? null : WireName.parse(values(), wire, "drift detection mode");
    }
}
