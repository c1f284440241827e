package io.flotilla.renderer.release;

import java.util.Map;

/**
 * The values a HelmRelease gives its chart: for now its inline {@code spec.values}. A HelmRelease that also
 * takes values from elsewhere ({@code spec.valuesFrom}) fails rather than render without them.
 */
final class HelmReleaseValues {

    private HelmReleaseValues() {
    }

    static Map<String, Object> read(Fields fields) throws InvalidFieldException {
        if (fields.has("spec.valuesFrom")) {
            throw new InvalidFieldException("spec.valuesFrom is not supported yet; put the values in spec.values");
        }
        return fields.mapping("spec.values").orElse(Map.of());
    }
}
