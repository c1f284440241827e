package io.flotilla.applier.apply;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Renders;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Whose the applied objects are, on a simulated cluster: every object carries its release's marks; what was there
 * before Flotilla, or belongs to another release, is never deleted; two releases never take one object from each
 * other. kubectl, a second client, creates what was there before and reads the marks.
 */
class ObjectOwnershipTest {

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;
    private static ReleaseApply apply;
    private static final RememberedHookLedger hooksRan = new RememberedHookLedger();

    @BeforeAll
    static void startFleet() {
        simulated = OneSimulatedCluster.start(dir, hooksRan);
        apply = simulated.apply();
    }

    @AfterAll
    static void stopFleet() {
        simulated.close();
    }

    @Test
    void appliedObjectsCarryTheLabelAndTheAnnotationsNamingTheirReleaseAndFile() throws Exception {
        Map<String, Object> helmLabelled = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata",
                Map.of("name", "charted", "labels", Map.of("app.kubernetes.io/managed-by", "Helm")));

        ApplyReport report = install(Renders.chart(new ReleaseKey("dev", "marks", "web"), "marks-1",
                List.of(configMap("web", null, Map.of()), helmLabelled)));

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(report.error()).isNull();
        assertThat(kubectl("get", "configmap", "web", "--namespace", "marks", "--output",
                "jsonpath={.metadata.labels.app\\.kubernetes\\.io/managed-by} "
                        + "{.metadata.annotations.flotilla\\.io/release} "
                        + "{.metadata.annotations.flotilla\\.io/source-file}"))
                .isEqualTo("flotilla marks/web releases/dev/web.yaml");
        assertThat(kubectl("get", "configmaps", "--namespace", "marks", "--selector",
                "app.kubernetes.io/managed-by=flotilla", "--output", "name")).isEqualTo("configmap/web");
        assertThat(live("marks", "charted").getMetadata().getLabels())
                .as("a label the chart sets is left as rendered").containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(live("marks", "charted").getMetadata().getAnnotations())
                .containsEntry("flotilla.io/release", "marks/web");
    }

    @Test
    void aNamespaceThatExistedBeforeFlotillaSurvivesTheUninstallOfTheFolderThatDeclaredIt() throws Exception {
        kubectl("create", "namespace", "legacy");
        kubectl("create", "configmap", "data", "--namespace", "legacy", "--from-literal=key=value");
        ReleaseKey release = new ReleaseKey("dev", "default", "common-namespaces");

        ApplyReport installed = install(Renders.manifests(release, "namespaces-1",
                List.of(namespace("legacy"), namespace("brand-new"))));

        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);
        assertThat(installed.error()).isEqualTo("Namespace legacy: adopted, as it was on the cluster before Flotilla "
                + "applied it; prune and uninstall leave it there");
        assertThat(liveNamespace("legacy").getMetadata().getAnnotations()).containsEntry("flotilla.io/adopted", "true")
                .containsEntry("flotilla.io/release", "default/common-namespaces")
                .containsEntry("flotilla.io/source-file", "common/namespaces");
        assertThat(liveNamespace("brand-new").getMetadata().getAnnotations()).doesNotContainKey("flotilla.io/adopted");

        ApplyReport uninstalled = apply.uninstall(release, applied(installed));

        assertThat(uninstalled.outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(uninstalled.objects()).extracting(ObjectOwnershipTest::describe)
                .containsExactly("legacy kept", "brand-new deleted");
        assertThat(uninstalled.error()).isEqualTo("Namespace legacy: kept; it was on the cluster before Flotilla "
                + "applied it (flotilla.io/adopted), and Flotilla never deletes what it adopted");
        assertThat(liveNamespace("legacy").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(liveNamespace("legacy").getMetadata().getAnnotations()).as("no release has it any more")
                .containsEntry("flotilla.io/adopted", "true").doesNotContainKeys("flotilla.io/release",
                        "flotilla.io/source-file");
        assertThat(liveNamespace("legacy").getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/managed-by");
        assertThat(live("legacy", "data").getData()).containsEntry("key", "value");
        assertThat(liveNamespace("brand-new")).satisfiesAnyOf(gone -> assertThat(gone).isNull(),
                terminating -> assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull());
    }

    @Test
    void aNamespaceThatExistedBeforeFlotillaSurvivesItsFileMovingToAnotherFolderWhichAdoptsIt() throws Exception {
        kubectl("create", "namespace", "older");
        ReleaseKey release = new ReleaseKey("dev", "default", "team-namespaces");
        ApplyReport installed = install(Renders.manifests(release, "team-1",
                List.of(namespace("older"), namespace("team"))));
        ApplyReport upgraded = upgrade(Renders.manifests(release, "team-2",
                List.of(namespace("older"), namespace("team"), configMap("settings", "team", Map.of()))),
                applied(installed));
        assertThat(upgraded.outcome()).as(String.valueOf(upgraded.error())).isEqualTo(Outcome.Ready);
        assertThat(upgraded.error()).as("adopted once, noted once").isNull();

        ApplyReport pruned = upgrade(Renders.manifests(release, "team-3",
                List.of(namespace("team"), configMap("settings", "team", Map.of()))), applied(upgraded));

        assertThat(pruned.outcome()).as(String.valueOf(pruned.error())).isEqualTo(Outcome.Ready);
        assertThat(pruned.objects()).extracting(ObjectOwnershipTest::describe)
                .containsExactly("team applied", "settings applied", "older kept");
        assertThat(pruned.error()).isEqualTo("Namespace older: kept; it was on the cluster before Flotilla applied it "
                + "(flotilla.io/adopted), and Flotilla never deletes what it adopted");
        assertThat(liveNamespace("older").getMetadata().getDeletionTimestamp()).isNull();

        ApplyReport moved = install(Renders.manifests(new ReleaseKey("dev", "default", "platform-namespaces"),
                "platform-1", List.of(namespace("older"))));

        assertThat(moved.outcome()).as(String.valueOf(moved.error())).isEqualTo(Outcome.Ready);
        assertThat(liveNamespace("older").getMetadata().getAnnotations())
                .containsEntry("flotilla.io/release", "default/platform-namespaces")
                .containsEntry("flotilla.io/source-file", "platform/namespaces")
                .containsEntry("flotilla.io/adopted", "true");
    }

    @Test
    void anObjectAnotherReleaseCreatedIsNeitherPrunedNorUninstalledWithARelease() {
        ReleaseKey owner = new ReleaseKey("dev", "sharing", "owner");
        ReleaseKey other = new ReleaseKey("dev", "sharing", "other");
        assertThat(install(Renders.chart(owner, "owner-1", List.of(configMap("settings", null, Map.of("by", "owner")))))
                .outcome()).isEqualTo(Outcome.Ready);
        // What a release that applied the object before objects carried marks would have in its history.
        List<ObjectRef> inherited = List.of(new ObjectRef("v1", "ConfigMap", "sharing", "settings"));

        ApplyReport pruned = upgrade(Renders.chart(other, "other-1", List.of(configMap("own", null, Map.of()))),
                inherited);
        ApplyReport uninstalled = apply.uninstall(other, applied(pruned));

        assertThat(pruned.outcome()).as(String.valueOf(pruned.error())).isEqualTo(Outcome.Ready);
        assertThat(pruned.objects()).extracting(ObjectOwnershipTest::describe)
                .containsExactly("own applied", "settings kept");
        assertThat(pruned.error()).isEqualTo("ConfigMap sharing/settings: kept; release sharing/owner (declared in "
                + "releases/dev/owner.yaml) owns it");
        assertThat(uninstalled.objects()).extracting(ObjectOwnershipTest::describe).containsExactly("own deleted");
        assertThat(live("sharing", "settings").getData()).containsEntry("by", "owner");
        assertThat(live("sharing", "own")).isNull();
    }

    @Test
    void theSecondOfTwoReleasesDeclaringOneObjectFailsNamingBothFilesAndWritesNothing() {
        ReleaseKey first = new ReleaseKey("dev", "clash", "first");
        ReleaseKey second = new ReleaseKey("dev", "clash", "second");
        ApplyReport installed = install(Renders.chart(first, "first-1",
                List.of(configMap("settings", null, Map.of("by", "first")), configMap("first-only", null, Map.of()))));
        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);
        SimulatedCluster dev = simulated.cluster();
        long writes = dev.writeCount();

        ApplyReport refused = install(Renders.chart(second, "second-1",
                List.of(configMap("settings", null, Map.of("by", "second")), configMap("second-only", null, Map.of()))));

        assertThat(refused.outcome()).isEqualTo(Outcome.Failed);
        assertThat(refused.error()).isEqualTo("1 of 2 objects belong to another release; nothing was applied: "
                + "ConfigMap clash/settings: declared by release clash/second in releases/dev/second.yaml, but release "
                + "clash/first (declared in releases/dev/first.yaml) owns it; declare it in one of the two only, or, "
                + "if release clash/first no longer needs it, remove its annotation flotilla.io/release so that "
                + "release clash/second adopts it");
        assertThat(dev.writeCount()).isEqualTo(writes);
        assertThat(live("clash", "second-only")).isNull();
        ConfigMap settings = live("clash", "settings");
        assertThat(settings.getData()).containsEntry("by", "first");
        assertThat(settings.getMetadata().getAnnotations()).containsEntry("flotilla.io/release", "clash/first")
                .containsEntry("flotilla.io/source-file", "releases/dev/first.yaml");

        ApplyReport upgraded = upgrade(Renders.chart(first, "first-2",
                List.of(configMap("settings", null, Map.of("by", "first", "v", "2")))), applied(installed));
        ApplyReport secondGone = apply.uninstall(second, applied(refused));

        assertThat(upgraded.outcome()).as(String.valueOf(upgraded.error())).isEqualTo(Outcome.Ready);
        assertThat(upgraded.objects()).extracting(ObjectOwnershipTest::describe)
                .containsExactly("settings applied", "first-only deleted");
        assertThat(secondGone.objects()).isEmpty();
        assertThat(live("clash", "settings").getData()).containsEntry("v", "2");
    }

    @Test
    void installingOnAnEmptyClusterAndUpgradingTheSameObjectsReadNoObject() {
        ReleaseKey release = new ReleaseKey("dev", "unread", "web");
        long before = System.nanoTime();

        ApplyReport installed = install(Renders.chart(release, "unread-1",
                List.of(configMap("a", null, Map.of()), configMap("b", null, Map.of()))));
        ApplyReport upgraded = upgrade(Renders.chart(release, "unread-2",
                List.of(configMap("a", null, Map.of("v", "2")), configMap("b", null, Map.of()),
                        configMap("c", null, Map.of()))), applied(installed));

        assertThat(upgraded.outcome()).as(String.valueOf(upgraded.error())).isEqualTo(Outcome.Ready);
        assertThat(simulated.cluster().receivedRequests()).filteredOn(request -> request.receivedNanos() >= before
                && request.method().equals("GET") && request.path().startsWith("/api/v1/namespaces/unread/"))
                .isEmpty();
    }

    @Test
    void objectsAppliedAgainToUndoDriftKeepTheFileTheyAreMarkedWith() {
        ReleaseKey release = new ReleaseKey("dev", "restored", "web");
        List<Map<String, Object>> objects = List.of(configMap("web", null, Map.of("v", "1")));
        assertThat(install(Renders.chart(release, "restored-1", objects)).outcome()).isEqualTo(Outcome.Ready);
        simulated.cluster().client().configMaps().inNamespace("restored").withName("web")
                .edit(configMap -> { configMap.getData().put("v", "changed"); return configMap; });

        ApplyReport restored = apply.apply(DesiredRelease.restoring(release, objects, null), List.of(),
                HookPhase.INSTALL);

        assertThat(restored.outcome()).as(String.valueOf(restored.error())).isEqualTo(Outcome.Ready);
        ConfigMap web = live("restored", "web");
        assertThat(web.getData()).containsEntry("v", "1");
        assertThat(web.getMetadata().getAnnotations()).containsEntry("flotilla.io/release", "restored/web")
                .containsEntry("flotilla.io/source-file", "releases/dev/web.yaml")
                .doesNotContainKey("flotilla.io/adopted");
    }

    private static ApplyReport install(ReleaseRendered rendered) {
        return apply.apply(DesiredRelease.of(rendered), List.of(), HookPhase.INSTALL);
    }

    private static ApplyReport upgrade(ReleaseRendered rendered, List<ObjectRef> inventory) {
        return apply.apply(DesiredRelease.of(rendered), inventory, HookPhase.UPGRADE);
    }

    private static List<ObjectRef> applied(ApplyReport report) {
        return ReleaseApply.appliedObjects(report);
    }

    private static String describe(ObjectResult result) {
        return result.object().name() + " " + result.action().wire();
    }

    private static ConfigMap live(String namespace, String name) {
        return client().configMaps().inNamespace(namespace).withName(name).get();
    }

    private static Namespace liveNamespace(String name) {
        return client().namespaces().withName(name).get();
    }

    private static KubernetesClient client() {
        return simulated.cluster().client();
    }

    /** Runs kubectl against the simulated cluster: its output, trimmed; fails the test when kubectl fails. */
    private static String kubectl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", simulated.kubeconfig().toString(),
                "--context", "dev"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }
}
