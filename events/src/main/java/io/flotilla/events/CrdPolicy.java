package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to a chart's CustomResourceDefinitions ({@code spec.install.crds} / {@code spec.upgrade.crds}). */
public enum CrdPolicy implements WireName {
    /** Rendered and applied (Flux's default). */
    CREATE,
    /** Rendered and applied, replacing what is there. */
    CREATE_REPLACE,
    /** Left out of the release. */
    SKIP;

    @JsonValue
    @Override
    public String wire() {
        return switch (this) {
            case CREATE -> "Create";
            case CREATE_REPLACE -> "CreateReplace";
            case SKIP -> "Skip";
        };
    }

    /** The policy a HelmRelease names; null (unset) is {@link #CREATE}, as with Flux. */
    @JsonCreator
    public static CrdPolicy of(String wire) {
        return wire == null ? CREATE : WireName.parse(values(), wire, "CRD policy");
    }
}
