package io.flotilla.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happens to a chart's CustomResourceDefinitions ({@code spec.install.crds} / {@code spec.upgrade.crds}). */
public enum CrdPolicy implements WireName {
    /** Rendered and applied (Flux's default). */
    CREATE("Create"),
    /** Rendered and applied, replacing what is there. */
    CREATE_REPLACE("CreateReplace"),
    /** Left out of the release. */
    SKIP("Skip");

    private final String wire;

    CrdPolicy(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The policy a HelmRelease names; null (unset) is {@link #CREATE}, as with Flux. */
    @JsonCreator
    public static CrdPolicy of(String wire) {
        return wire == null ? CREATE : WireName.parse(values(), wire, "CRD policy");
    }
}
