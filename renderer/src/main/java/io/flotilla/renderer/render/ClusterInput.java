package io.flotilla.renderer.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.flotilla.events.ClusterRef;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.HelmValues;
import io.flotilla.renderer.targeting.ClusterVariables;
import io.flotilla.renderer.targeting.Customization;
import io.flotilla.renderer.targeting.TargetEntry;

/**
 * What a release is rendered from on one cluster: its values with the targeting entry's customizations for that
 * cluster merged over them, then the cluster variables substituted; for plain manifests, the objects with the
 * variables substituted. A release without customizations or variables keeps its input as it is, digests included,
 * so that it renders once for every cluster with the same capabilities.
 *
 * @param values        the values given to Helm; null for plain manifests or a failed input
 * @param valuesDigest  their digest; null for plain manifests
 * @param objects       the plain manifests to apply; null for a chart
 * @param contentDigest the chart's digest, or the objects' digest for plain manifests
 * @param error         why the release cannot be rendered on this cluster; null when it can
 */
record ClusterInput(ReleaseInput input, Map<String, Object> values, String valuesDigest,
        List<Map<String, Object>> objects, String contentDigest, String error) {

    /**
     * @param entry             the targeting entry that sends the release to {@code cluster}; null under the
     *                          folder conventions (no customizations)
     * @param kubernetesVersion the cluster's, as reported; null when not known yet
     */
    static ClusterInput of(ReleaseInput input, TargetEntry entry, ClusterRef cluster, String kubernetesVersion,
            long maxValuesBytes) {
        if (input.failed()) {
            return new ClusterInput(input, null, input.valuesDigest(), null, input.chartDigest(), input.error());
        }
        ClusterVariables variables = ClusterVariables.of(cluster, kubernetesVersion);
        if (input.release().content() instanceof Manifests manifests) {
            List<Map<String, Object>> objects = variables.substitute(manifests.objects());
            String digest = objects == manifests.objects() ? input.chartDigest() : Digests.canonical(objects);
            return new ClusterInput(input, null, null, objects, digest, null);
        }
        Map<String, Object> values = input.values();
        if (entry != null) {
            for (Customization customization : entry.customizations()) {
                if (customization.clusters().matches(cluster)) {
                    values = HelmValues.merge(values, customization.values());
                }
            }
        }
        values = variables.substitute(values);
        if (values == input.values()) {
            return new ClusterInput(input, values, input.valuesDigest(), null, input.chartDigest(), null);
        }
        String json = Digests.canonicalJson(values);
        long size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxValuesBytes) {
            String origin = ((HelmChart) input.release().content()).origin();
            return new ClusterInput(input, null, null, null, input.chartDigest(), origin + ": values on cluster "
                    + cluster.name() + " are " + Sizes.of(size) + ", more than the " + Sizes.of(maxValuesBytes)
                    + " limit (flotilla.renderer.max-values-bytes); move large data out of the values");
        }
        return new ClusterInput(input, values, Digests.sha256(json), null, input.chartDigest(), null);
    }

    boolean failed() {
        return error != null;
    }
}
