package io.flotilla.applier.apply;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Renders;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.CrdPolicy;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;

/**
 * A chart's {@code crds/} CRDs on a simulated cluster, as Helm and helm-controller treat them: at install as
 * {@code spec.install.crds} says (Create leaves one already there as it is, CreateReplace applies it, Skip leaves them
 * out), at upgrade as {@code spec.upgrade.crds} says (Skip unless told), never pruned; a templated CRD follows the
 * release whatever the policies.
 */
class ChartCrdPolicyTest {

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;
    private static ReleaseApply apply;

    @BeforeAll
    static void startFleet() {
        simulated = OneSimulatedCluster.start(dir, new RememberedHookLedger());
        apply = simulated.apply();
    }

    @AfterAll
    static void stopFleet() {
        simulated.close();
    }

    @Test
    void anInstallCreatesTheChartsCrdsThatAreMissingAndLeavesThoseOnTheClusterAsTheyAre() {
        createOutsideTheRelease("presets");

        ApplyReport installed = apply(release("creating"), ReleaseOptions.DEFAULTS, HookPhase.INSTALL, "1",
                List.of("presets", "fresh"), "creating-templated", List.of());

        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);
        assertThat(revisionOf("presets")).isEqualTo("before");
        assertThat(revisionOf("fresh")).isEqualTo("1");
        assertThat(revisionOf("creating-templated")).isEqualTo("1");
        assertThat(names(installed)).doesNotContain("presets.example.com");
    }

    @Test
    void anInstallThatReplacesCrdsAppliesThoseOnTheCluster() {
        createOutsideTheRelease("replaced");

        ApplyReport installed = apply(release("replacing"), ReleaseOptions.builder().crds(CrdPolicy.CREATE_REPLACE)
                .build(), HookPhase.INSTALL, "1", List.of("replaced"), "replacing-templated", List.of());

        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);
        assertThat(revisionOf("replaced")).isEqualTo("1");
    }

    @Test
    void anInstallThatSkipsCrdsLeavesTheChartsOutButAppliesATemplatedOne() {
        ApplyReport installed = apply(release("skipping"), ReleaseOptions.builder().crds(CrdPolicy.SKIP).build(),
                HookPhase.INSTALL, "1", List.of("skipped"), "skipping-templated", List.of());

        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);
        assertThat(crd("skipped")).isNull();
        assertThat(revisionOf("skipping-templated")).isEqualTo("1");
    }

    @Test
    void anUpgradeLeavesTheChartsCrdsAsTheyAreByDefaultAndNeitherPrunesThemNorOnesTheChartNoLongerHas() {
        ReleaseKey release = release("upgraded");
        ApplyReport installed = apply(release, ReleaseOptions.DEFAULTS, HookPhase.INSTALL, "1",
                List.of("steady", "dropped"), "upgraded-templated", List.of());
        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);

        ApplyReport upgraded = apply(release, ReleaseOptions.DEFAULTS, HookPhase.UPGRADE, "2", List.of("steady"),
                "upgraded-templated", ReleaseApply.appliedObjects(installed));

        assertThat(upgraded.outcome()).as(String.valueOf(upgraded.error())).isEqualTo(Outcome.Ready);
        assertThat(revisionOf("steady")).isEqualTo("1");
        assertThat(revisionOf("dropped")).isEqualTo("1");
        assertThat(revisionOf("upgraded-templated")).as("a templated CRD follows the release").isEqualTo("2");
        assertThat(names(upgraded)).containsExactlyInAnyOrder("upgraded-templated.example.com",
                "dropped.example.com", "upgraded");
    }

    @Test
    void anUpgradeThatCreatesCrdsCreatesNewOnesOnlyAndOneThatReplacesThemAppliesThemAll() {
        ReleaseKey release = release("policies");
        ApplyReport installed = apply(release, ReleaseOptions.DEFAULTS, HookPhase.INSTALL, "1", List.of("kept-as-is"),
                "policies-templated", List.of());

        ApplyReport created = apply(release, ReleaseOptions.builder().upgradeCrds(CrdPolicy.CREATE).build(),
                HookPhase.UPGRADE, "2", List.of("kept-as-is", "added"), "policies-templated",
                ReleaseApply.appliedObjects(installed));
        assertThat(created.outcome()).as(String.valueOf(created.error())).isEqualTo(Outcome.Ready);
        assertThat(revisionOf("kept-as-is")).isEqualTo("1");
        assertThat(revisionOf("added")).isEqualTo("2");

        ApplyReport replaced = apply(release, ReleaseOptions.builder().upgradeCrds(CrdPolicy.CREATE_REPLACE).build(),
                HookPhase.UPGRADE, "3", List.of("kept-as-is", "added"), "policies-templated",
                ReleaseApply.appliedObjects(created));
        assertThat(replaced.outcome()).as(String.valueOf(replaced.error())).isEqualTo(Outcome.Ready);
        assertThat(revisionOf("kept-as-is")).isEqualTo("3");
        assertThat(revisionOf("added")).isEqualTo("3");
    }

    /**
     * Applies a chart release whose {@code crds/} hold a CRD for each of {@code chartCrds}, and which templates a CRD
     * {@code templated} and a ConfigMap, all annotated with {@code revision}.
     */
    private static ApplyReport apply(ReleaseKey release, ReleaseOptions options, HookPhase phase, String revision,
            List<String> chartCrds, String templated, List<ObjectRef> inventory) {
        List<Map<String, Object>> objects = new ArrayList<>();
        chartCrds.forEach(plural -> objects.add(crdObject(plural, revision)));
        objects.add(crdObject(templated, revision));
        objects.add(configMap(release.name(), null, Map.of("revision", revision)));
        DesiredRelease desired = DesiredRelease.of(Renders.chart(release, release.name() + "-" + revision, objects)
                .toBuilder().options(options.toBuilder().waitForAll(false).build()).chartCrds(chartCrds.size())
                .build());
        return apply.apply(desired, inventory, phase);
    }

    private static Map<String, Object> crdObject(String plural, String revision) {
        Map<String, Object> crd = object("apiextensions.k8s.io/v1", "CustomResourceDefinition",
                plural + ".example.com", null);
        crd.put("metadata", Map.of("name", plural + ".example.com", "annotations", Map.of("revision", revision)));
        String kind = Character.toUpperCase(plural.charAt(0)) + plural.substring(1).replace("-", "");
        crd.put("spec", Map.of(
                "group", "example.com",
                "scope", "Namespaced",
                "names", Map.of("kind", kind, "plural", plural),
                "versions", List.of(Map.of("name", "v1", "served", true, "storage", true,
                        "schema", Map.of("openAPIV3Schema", Map.of("type", "object"))))));
        return crd;
    }

    /** The CRD on the cluster before the release, annotated {@code revision: before}. */
    private static void createOutsideTheRelease(String plural) {
        client().resource(client().getKubernetesSerialization().convertValue(crdObject(plural, "before"),
                GenericKubernetesResource.class)).create();
    }

    private static ReleaseKey release(String name) {
        return new ReleaseKey("dev", name, name);
    }

    private static List<String> names(ApplyReport report) {
        return report.objects().stream().map(ObjectResult::object).map(ObjectRef::name).toList();
    }

    private static String revisionOf(String plural) {
        CustomResourceDefinition crd = crd(plural);
        assertThat(crd).as(plural + ".example.com on the cluster").isNotNull();
        return crd.getMetadata().getAnnotations().get("revision");
    }

    private static CustomResourceDefinition crd(String plural) {
        return client().apiextensions().v1().customResourceDefinitions().withName(plural + ".example.com").get();
    }

    private static KubernetesClient client() {
        return simulated.client();
    }
}
