package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterState;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;

/**
 * Test chart {@code shop} uses what real charts use: a library chart as a {@code file://} dependency, a vendored
 * subchart, {@code tpl}, {@code lookup}, {@code .Capabilities}, {@code crds/}, hooks with weights, {@code NOTES.txt}
 * and {@code required}. What Flotilla emits for it equals what Helm renders for the same inputs, on clusters of
 * different Kubernetes versions: the manifest as helm-java's template gives it, the hooks as Helm's install records
 * them ({@link HelmInstalledHooks}).
 */
class ChartEquivalenceTest {

    private static final ClusterRef OLD = new ClusterRef("old", Map.of("env", "prod"));
    private static final ClusterRef NEW = new ClusterRef("new", Map.of("env", "prod"));
    private static final ClusterRef UNKNOWN = new ClusterRef("unknown", Map.of("env", "prod"));
    /**
     * The three clusters' renders run side by side, as on a machine with cores to spare. The observer has not
     * described {@link #UNKNOWN}: charts that ask for capabilities wait for it.
     */
    private static final int RENDERS_AT_ONCE = 3;

    @TempDir
    Path temp;

    private final ClusterCapabilities versions = new ClusterCapabilities();
    private ConfigRepository repo;
    private CommitRenderer renderer;

    @BeforeEach
    void setUp() {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("common", "charts/common").chart("shop", "charts/shop")
                .write("flux-system/fleet.yaml", fleetSource());
        versions.observed(state("old", "v1.20.15"));
        versions.observed(state("new", "v1.29.3"));
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(OLD, NEW, UNKNOWN),
                CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES, versions, RENDERS_AT_ONCE,
                CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES);
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
    }

    @Test
    void rendersEachClusterExactlyAsHelmRendersTheChartForItsKubernetesVersion() throws Exception {
        repo.write("releases/prod/shop.yaml", fluxV2("store", "web", "./charts/shop", "values:\n  replicas: 4\n"));
        Path values = Files.writeString(temp.resolve("values.yaml"), "replicas: 4\n");

        List<ReleaseRendered> rendered = renderer.render(repo.commit("the shop"));

        Path chart = builtCopyOfShop();
        List<Map<String, Object>> hooks = HelmInstalledHooks.of(chart, "store", "web", values, temp);
        assertThat(hooks).extracting(hook -> hook.get("kind")).as("the chart's hooks and its subchart's")
                .containsExactlyInAnyOrder("Pod", "Job", "Job");
        for (ReleaseRendered release : rendered) {
            assertThat(release.error()).isNull();
            String kubeVersion = versions.of(release.release().cluster()).kubeVersion();
            TemplateCommand template = new Helm(chart).template().withName("web").withNamespace("store")
                    .withValuesFile(values);
            if (kubeVersion != null) {
                template.withKubeVersion(kubeVersion);
            }
            List<Map<String, Object>> expected = new ArrayList<>(
                    HelmOutput.objects(Files.readString(chart.resolve("crds/orders.yaml"))));
            expected.addAll(HelmOutput.objects(template.call()));
            List<Map<String, Object>> objects = release.objects().objects();
            assertThat(objects.subList(0, expected.size())).isEqualTo(expected);
            assertThat(objects.subList(expected.size(), objects.size()))
                    .containsExactlyInAnyOrderElementsOf(hooks);
        }
        assertThat(apiVersionOf(find(rendered, "old"), "PodDisruptionBudget")).isEqualTo("policy/v1beta1");
        assertThat(apiVersionOf(find(rendered, "new"), "PodDisruptionBudget")).isEqualTo("policy/v1");
        assertThat(data(find(rendered, "new"))).containsEntry("kubeVersion", "v1.29.3")
                .containsEntry("banner", "Welcome to web on shop.example.com")
                .containsEntry("alreadyInstalled", "no");
        assertThat(kinds(find(rendered, "new"))).containsExactly("CustomResourceDefinition", "PodDisruptionBudget",
                "ConfigMap", "Service", "Deployment", "Deployment", "Pod", "Job", "Job");
    }

    @Test
    void rendersAServiceMonitorOnlyOnTheClusterWhoseApiServesIt() throws Exception {
        versions.observed(state("new", "v1.29.3", List.of("v1", "v1/Pod", "policy/v1", "monitoring.coreos.com/v1",
                "monitoring.coreos.com/v1/ServiceMonitor")));
        versions.observed(state("old", "v1.20.15", List.of("v1", "v1/Pod", "policy/v1beta1")));
        repo.chart("monitored", "charts/monitored")
                .write("releases/prod/web.yaml", fluxV2("store", "web", "./charts/monitored", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("web, monitored where it can be"));

        assertThat(kinds(find(rendered, "new"))).containsExactly("ConfigMap", "Service", "ServiceMonitor");
        assertThat(data(find(rendered, "new"))).isEqualTo(Map.of("monitoring", "true", "pods", "true",
                "disruptionBudgets", "policy/v1"));
        assertThat(kinds(find(rendered, "old"))).containsExactly("ConfigMap", "Service");
        assertThat(data(find(rendered, "old"))).isEqualTo(Map.of("monitoring", "false", "pods", "true"));
        assertThat(rendered).extracting(release -> release.release().cluster()).as("the unknown cluster waits")
                .containsExactlyInAnyOrder("new", "old");
    }

    @Test
    void rendersAChartThatAsksForCapabilitiesForAClusterOnlyOnceTheyAreKnown() {
        repo.chart("app", "charts/app").chart("monitored", "charts/monitored")
                .write("releases/prod/plain.yaml", fluxV2("store", "plain", "./charts/app", ""))
                .write("releases/prod/web.yaml", fluxV2("store", "web", "./charts/monitored", ""));

        List<ReleaseRendered> beforeKnown = renderer.render(repo.commit("web and plain"), 41);

        assertThat(beforeKnown).filteredOn(release -> release.release().cluster().equals("unknown"))
                .extracting(release -> release.release().name()).as("a chart that does not ask renders at once")
                .containsExactly("plain");
        assertThat(renderer.renderAgain("unknown", false)).as("still unknown").isEmpty();

        assertThat(versions.observed(state("unknown", "v1.31.0", List.of("v1", "monitoring.coreos.com/v1",
                "monitoring.coreos.com/v1/ServiceMonitor")))).isTrue();
        List<ReleaseRendered> onceKnown = renderer.renderAgain("unknown", false);

        assertThat(onceKnown).singleElement().satisfies(release -> {
            assertThat(release.release().toString()).isEqualTo("unknown/store/web");
            assertThat(release.commitOrder()).isEqualTo(41);
            assertThat(kinds(release)).containsExactly("ConfigMap", "Service", "ServiceMonitor");
        });
    }

    @Test
    void rendersTheLastCommitAgainWithItsOrderWhenAClustersVersionChangesAndOnlyWhatChanged() {
        repo.write("releases/prod/shop.yaml", fluxV2("store", "web", "./charts/shop", ""));
        renderer.render(repo.commit("the shop"), 7);
        renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"), 8);

        assertThat(versions.observed(state("old", "v1.21.2"))).isTrue();
        assertThat(versions.observed(state("new", "v1.29.3"))).as("the same as before").isFalse();

        assertThat(renderer.renderAgain("old", false)).singleElement().satisfies(release -> {
            assertThat(release.commitOrder()).isEqualTo(8);
            assertThat(release.release().cluster()).isEqualTo("old");
            assertThat(apiVersionOf(release, "PodDisruptionBudget")).isEqualTo("policy/v1");
        });
        assertThat(renderer.renderAgain("new", false)).isEmpty();
    }

    @Test
    void rendersAgainOnlyOnTheClusterThatStartsServingAnApi() {
        repo.chart("monitored", "charts/monitored")
                .write("releases/prod/web.yaml", fluxV2("store", "web", "./charts/monitored", ""));
        renderer.render(repo.commit("web"));

        versions.observed(state("old", "v1.20.15", List.of("v1", "monitoring.coreos.com/v1/ServiceMonitor")));
        List<ReleaseRendered> rendered = renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"));

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.release().cluster()).isEqualTo("old");
            assertThat(kinds(release)).containsExactly("ConfigMap", "Service", "ServiceMonitor");
        });
    }

    @Test
    void aChartThatDoesNotAskForCapabilitiesIsNotRenderedAgainWhenAClusterStartsServingAnApi() {
        repo.chart("app", "charts/app").chart("monitored", "charts/monitored")
                .write("releases/prod/plain.yaml", fluxV2("store", "plain", "./charts/app", ""))
                .write("releases/prod/web.yaml", fluxV2("store", "web", "./charts/monitored", ""));
        renderer.render(repo.commit("a chart that asks for capabilities and one that does not"));

        versions.observed(state("old", "v1.20.15", List.of("v1", "monitoring.coreos.com/v1/ServiceMonitor")));
        List<ReleaseRendered> rendered = renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"));

        assertThat(rendered).extracting(release -> release.release().toString()).containsExactly("old/store/web");
    }

    @Test
    void rendersASubchartVendoredAsAPackageLikeTheSameSubchartUnpacked() throws Exception {
        repo.write("releases/prod/shop.yaml", fluxV2("store", "web", "./charts/shop", ""));
        List<ReleaseRendered> unpacked = renderer.render(repo.commit("the shop"));
        Path packages = Files.createDirectories(temp.resolve("packages"));
        new Helm(ConfigRepository.testChart("shop").resolve("charts/cart")).packageIt().withDestination(packages)
                .call();

        List<ReleaseRendered> packaged = renderer.render(repo.delete("charts/shop/charts/cart")
                .copy(packages, "charts/shop/charts").commit("cart vendored as cart-0.2.0.tgz"));

        assertThat(packaged).hasSize(2);
        for (ReleaseRendered release : packaged) {
            assertThat(release.error()).isNull();
            assertThat(release.objects().objects()).isEqualTo(find(unpacked, release.release().cluster())
                    .objects().objects());
            assertThat(release.objects().objects()).filteredOn(object -> "Pod".equals(object.get("kind")))
                    .hasSize(1);
        }
    }

    @Test
    void rendersAgainOnlyOnTheClusterWhoseKubernetesVersionChanged() {
        repo.write("releases/prod/shop.yaml", fluxV2("store", "web", "./charts/shop", ""));
        renderer.render(repo.commit("the shop"));

        versions.observed(state("old", "v1.21.2"));
        List<ReleaseRendered> rendered = renderer.render(repo.write("README.md", "the fleet\n").commit("unrelated"));

        assertThat(rendered).singleElement().satisfies(release -> {
            assertThat(release.release().cluster()).isEqualTo("old");
            assertThat(apiVersionOf(release, "PodDisruptionBudget")).isEqualTo("policy/v1");
        });
    }

    @Test
    void rendersAgainWhenTheLibraryChartItDependsOnChanges() throws Exception {
        repo.write("releases/prod/shop.yaml", fluxV2("store", "web", "./charts/shop", ""));
        renderer.render(repo.commit("the shop"));
        String labels = Files.readString(ConfigRepository.testChart("common").resolve("templates/_labels.tpl"));

        List<ReleaseRendered> rendered = renderer.render(repo.write("charts/common/templates/_labels.tpl",
                labels.replace("app.kubernetes.io/managed-by", "app.kubernetes.io/part-of")).commit("new label"));

        assertThat(rendered).hasSize(2).allSatisfy(release -> assertThat(labelsOf(release, "ConfigMap"))
                .containsKey("app.kubernetes.io/part-of").doesNotContainKey("app.kubernetes.io/managed-by"));
    }

    @Test
    void reportsARequiredValueThatIsMissingWithHelmsMessageNamingTheTemplateAndLine() {
        repo.write("releases/prod/shop.yaml", fluxV2("store", "web", "./charts/shop", "values:\n  domain: null\n"));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("no domain"));

        assertThat(rendered).hasSize(2).allSatisfy(release -> assertThat(release.error()).startsWith(
                "releases/prod/shop.yaml: HelmRelease store/web: execution error at (shop/templates/configmap.yaml:10:")
                .endsWith("domain is required: the shop's public host name"));
    }

    /**
     * The test charts shop and common side by side, shop's dependencies built by Helm, as a user would. helm-java's
     * template cannot render {@code lookup} without a cluster; {@code helm template} answers it with an empty map,
     * so in this copy the call is that empty map.
     */
    private Path builtCopyOfShop() throws IOException {
        Path charts = temp.resolve("helm-own");
        for (String name : List.of("common", "shop")) {
            Path source = ConfigRepository.testChart(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = charts.resolve(name).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
        Path configMap = charts.resolve("shop/templates/configmap.yaml");
        String lookup = "lookup \"v1\" \"ConfigMap\" .Release.Namespace (include \"common.fullname\" .)";
        assertThat(Files.readString(configMap)).contains(lookup);
        Files.writeString(configMap, Files.readString(configMap).replace(lookup, "dict"));
        new Helm(charts.resolve("shop")).dependency().build().call();
        return charts.resolve("shop");
    }

    private static ClusterState state(String cluster, String kubernetesVersion) {
        return new ClusterState(cluster, true, kubernetesVersion, 1, 1, 0, 0, Instant.now());
    }

    private static ClusterState state(String cluster, String kubernetesVersion, List<String> apiVersions) {
        return new ClusterState(cluster, true, kubernetesVersion, 1, 1, 0, 0, Instant.now(), null, null, null, null,
                null, apiVersions);
    }

    private static ReleaseRendered find(List<ReleaseRendered> rendered, String cluster) {
        return rendered.stream().filter(release -> release.release().cluster().equals(cluster)).findFirst()
                .orElseThrow();
    }

    private static List<String> kinds(ReleaseRendered release) {
        return release.objects().objects().stream().map(object -> (String) object.get("kind")).toList();
    }

    private static Map<String, Object> object(ReleaseRendered release, String kind) {
        return release.objects().objects().stream().filter(object -> kind.equals(object.get("kind"))).findFirst()
                .orElseThrow();
    }

    private static String apiVersionOf(ReleaseRendered release, String kind) {
        return (String) object(release, kind).get("apiVersion");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(ReleaseRendered release) {
        return (Map<String, Object>) object(release, "ConfigMap").get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labelsOf(ReleaseRendered release, String kind) {
        return (Map<String, Object>) ((Map<String, Object>) object(release, kind).get("metadata")).get("labels");
    }
}
