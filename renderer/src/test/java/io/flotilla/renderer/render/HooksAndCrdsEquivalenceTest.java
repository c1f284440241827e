package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterState;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;

/**
 * Test chart {@code layered}: hooks whose {@code helm.sh/hook} annotations come from values, from a library chart's
 * {@code include} and from {@code toJson}, a test hook, a hook of a phase Helm does not know; subcharts with CRDs, one
 * left out by its {@code condition}, one kept by its {@code tags} under an alias with files its parent's
 * {@code .helmignore} leaves out, and the library chart's own; a folder of templates the chart's {@code .helmignore}
 * leaves out. What Flotilla emits equals what real Helm installs
 * for the same values: the CRDs Helm created, the manifest as helm-java's template gives it, the hooks as Helm's
 * release record keeps them, and Helm's record's chart (metadata, default values, templates) and notes.
 */
class HooksAndCrdsEquivalenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ClusterRef CLUSTER = new ClusterRef("dev", Map.of("env", "prod"));

    @TempDir
    Path temp;

    private final ClusterCapabilities versions = new ClusterCapabilities();
    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("layered", "charts/layered")
                .write("flux-system/fleet.yaml", fleetSource());
        versions.observed(new ClusterState("dev", true, "v1.29.3", 1, 1, 0, 0, Instant.now()));
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(CLUSTER),
                CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES, versions, 1, CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES);
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void keepsEveryHookHelmKeepsWhateverWritesItsAnnotationAndOnlyTheCrdsOfTheSubchartsHelmKeeps() throws Exception {
        assertThat(equalsWhatHelmInstalls("", "")).as("Helm's own CRDs").containsExactlyInAnyOrder(
                "toolkits.layered.example.com", "audit.layered.example.com", "nested.layered.example.com");
    }

    @Test
    void takesTheCrdsOfASubchartItsConditionEnablesAndLeavesOutThoseItsTagsDisable() throws Exception {
        assertThat(equalsWhatHelmInstalls("values:\n  reports:\n    enabled: true\n  tags:\n    compliance: false\n",
                "reports:\n  enabled: true\ntags:\n  compliance: false\n")).as("Helm's own CRDs")
                .containsExactlyInAnyOrder("toolkits.layered.example.com", "reports.layered.example.com");
    }

    /** The names of the CRDs Helm installed, which Flotilla's rendering has too. */
    private List<String> equalsWhatHelmInstalls(String releaseValues, String helmValues) throws Exception {
        repo.write("releases/prod/layered.yaml", fluxV2("store", "web", "./charts/layered", releaseValues));
        Path values = Files.writeString(temp.resolve("values.yaml"), helmValues.isEmpty() ? "{}\n" : helmValues);

        ReleaseRendered release = renderer.render(repo.commit("layered")).get(0);

        assertThat(release.error()).isNull();
        Path chart = ConfigRepository.testChart("layered");
        HelmInstalledHooks.Installed helm = HelmInstalledHooks.install(chart, "store", "web", values, temp);
        List<Map<String, Object>> manifest = HelmOutput.objects(new Helm(chart).template().withName("web")
                .withNamespace("store").withValuesFile(values).call());
        List<Map<String, Object>> objects = release.objects().objects();
        int crds = (int) objects.stream().filter(object -> "CustomResourceDefinition".equals(object.get("kind")))
                .count();
        assertThat(objects.subList(0, crds)).extracting(HooksAndCrdsEquivalenceTest::name)
                .containsExactlyInAnyOrderElementsOf(helm.crds());
        assertThat(objects.subList(crds, crds + manifest.size())).isEqualTo(manifest);
        assertThat(objects.subList(crds + manifest.size(), objects.size()))
                .containsExactlyInAnyOrderElementsOf(helm.hooks());
        assertThat(helm.hooks()).extracting(HooksAndCrdsEquivalenceTest::name).as("what the chart is for")
                .containsExactlyInAnyOrder("web-migrate", "web-announce", "web-smoke-test");
        assertThat(release.notes()).as("the notes Helm rendered").isEqualTo(helm.notes()).startsWith("layered web");
        JsonNode chartRecord = JSON.valueToTree(release.chart().chart());
        assertThat(chartRecord.path("templates")).as("the templates Helm's record keeps")
                .isEqualTo(helm.chart().path("templates"));
        assertThat(chartRecord.path("values")).as("the chart's own values.yaml")
                .isEqualTo(withoutSubchartGlobals(helm.chart().path("values")));
        for (String field : List.of("apiVersion", "name", "version", "description")) {
            assertThat(chartRecord.path("metadata").path(field)).isEqualTo(helm.chart().path("metadata").path(field));
        }
        return helm.crds();
    }

    /**
     * Helm's record values without the empty {@code global} Helm's dependency processing adds under each subchart it
     * keeps (and the subchart's entry, when that was all of it): Flotilla's record keeps {@code values.yaml} as it is.
     */
    private static JsonNode withoutSubchartGlobals(JsonNode values) {
        ObjectNode kept = values.deepCopy();
        values.fields().forEachRemaining(entry -> {
            if (entry.getValue() instanceof ObjectNode subchart && subchart.path("global").isEmpty()
                    && subchart.has("global")) {
                ObjectNode without = subchart.deepCopy();
                without.remove("global");
                if (without.isEmpty()) {
                    kept.remove(entry.getKey());
                } else {
                    kept.set(entry.getKey(), without);
                }
            }
        });
        return kept;
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> object) {
        return (String) ((Map<String, Object>) object.get("metadata")).get("name");
    }
}
