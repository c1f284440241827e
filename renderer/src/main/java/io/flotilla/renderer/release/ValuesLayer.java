package io.flotilla.renderer.release;

import java.util.Map;

/**
 * One {@code spec.valuesFrom} entry of a HelmRelease, in the order Helm merges them. Values the repository
 * holds (ConfigMaps, Secrets) are read while the repository is scanned; values in the chart or behind a URL
 * are read when the release is rendered.
 */
public sealed interface ValuesLayer {

    /** @param field the entry it came from, such as {@code spec.valuesFrom[1]}, for messages */
    String field();

    /** Values already read from the repository; {@code secret} when a Secret held them. */
    record Read(String field, Map<String, Object> values, boolean secret) implements ValuesLayer {
    }

    /** A values file in the chart ({@code chartFileRef}); {@code path} is relative to the chart folder. */
    record ChartFile(String field, String path, boolean optional) implements ValuesLayer {
    }

    /** A values file served over HTTP ({@code externalSourceRef}). */
    record External(String field, String url, boolean optional) implements ValuesLayer {
    }
}
