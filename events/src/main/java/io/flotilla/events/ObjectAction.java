package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the applier did to one object of a release, as {@link ObjectResult#action()} reports it. */
public enum ObjectAction implements WireName {
    /** Server-side applied. */
    APPLIED("applied"),
    /** Applied, taking over fields another field manager owned (reported in the release's message). */
    TAKEN_OVER("taken over"),
    /** A Helm hook run for its phase. */
    HOOK("hook"),
    /** Deleted: pruned from the release, or the release uninstalled. */
    DELETED("deleted"),
    /** Left on the cluster although the release no longer has it ({@code helm.sh/resource-policy: keep}, CRDs). */
    KEPT("kept"),
    /** Refused or not reached; the result's error says why. */
    FAILED("failed");

    private final String wire;

    ObjectAction(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static ObjectAction of(String wire) {
        return WireName.parse(values(), wire, "object action");
    }
}
