package io.flotilla.renderer.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;

import io.fabric8.kubernetes.api.model.Secret;
import io.flotilla.embedded.clusters.SimulatedFleet;

/**
 * The hooks of a chart as real Helm renders them: {@code helm template} prints, after the release manifest, the
 * manifest of each hook of the release, and helm-java's template leaves them out. Helm's install keeps them in its
 * release record, so the chart is installed with Helm into a simulated cluster (which completes hook Jobs at once),
 * and the hooks are read back from the record, as Helm stored them.
 */
final class HelmInstalledHooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HelmInstalledHooks() {
    }

    /** The objects of the hooks Helm renders for {@code chart} installed as {@code namespace/name} with the values. */
    static List<Map<String, Object>> of(Path chart, String namespace, String name, Path values, Path kubeconfigDir)
            throws RenderException {
        return install(chart, namespace, name, values, kubeconfigDir).hooks();
    }

    /** What Helm's install of {@code chart} as {@code namespace/name} with the values leaves: its hooks, its CRDs. */
    static Installed install(Path chart, String namespace, String name, Path values, Path kubeconfigDir)
            throws RenderException {
        try (SimulatedFleet fleet = SimulatedFleet.start(Map.of("helm", Map.of()))) {
            Path kubeconfig = fleet.writeKubeconfig(kubeconfigDir.resolve("helm-kubeconfig"));
            new Helm(chart).install().withName(name).withNamespace(namespace).createNamespace()
                    .withValuesFile(values).withKubeConfig(kubeconfig).withTimeout(60).call();
            Secret record = fleet.cluster("helm").client().secrets().inNamespace(namespace)
                    .withName("sh.helm.release.v1." + name + ".v1").get();
            List<Map<String, Object>> hooks = new ArrayList<>();
            for (JsonNode hook : release(record).path("hooks")) {
                hooks.addAll(HelmOutput.objects(hook.path("manifest").asText()));
            }
            List<String> crds = fleet.cluster("helm").client().apiextensions().v1().customResourceDefinitions().list()
                    .getItems().stream().map(crd -> crd.getMetadata().getName()).sorted().toList();
            JsonNode release = release(record);
            return new Installed(hooks, crds, release.path("chart"), release.path("info").path("notes").asText());
        }
    }

    /**
     * Helm's hooks as its release record keeps them, the names of the CRDs it created, the chart as the record keeps it
     * and the notes Helm rendered.
     */
    record Installed(List<Map<String, Object>> hooks, List<String> crds, JsonNode chart, String notes) {
    }

    /** Helm's release record: the Secret's data is Base64 of gzip of the release as JSON (and Base64 again in the API). */
    private static JsonNode release(Secret record) {
        byte[] stored = Base64.getDecoder().decode(record.getData().get("release"));
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
            return JSON.readTree(gzip.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Helm's release record cannot be read", e);
        }
    }
}
