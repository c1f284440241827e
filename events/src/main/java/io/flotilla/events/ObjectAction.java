package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the applier did to one object of a release, as {@link ObjectResult#action()} reports it. */
public enum ObjectAction implements WireName {
    /** Server-side applied. */
    APPLIED,
    /** Applied, taking over fields another field manager owned (reported in the release's message). */
    TAKEN_OVER,
    /** A Helm hook run for its phase. */
    HOOK,
    /** Deleted: pruned from the release, or the release uninstalled. */
    DELETED,
    /** Left on the cluster although the release no longer has it ({@code helm.sh/resource-policy: keep}, CRDs). */
    KEPT,
    /** Refused or not reached; the result's error says why. */
    FAILED;

    @JsonValue
    @Override
    public String wire() {
        return switch (this) {
            case APPLIED -> "applied";
            case TAKEN_OVER -> "taken over";
            case HOOK -> "hook";
            case DELETED -> "deleted";
            case KEPT -> "kept";
            case FAILED -> "failed";
        };
    }

    @JsonCreator
    public static ObjectAction of(String wire) {
        return WireName.parse(values(), wire, "object action");
    }
}
