package io.flotilla.applier.apply;

import static io.flotilla.applier.Manifests.clusterRole;
import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.hook;
import static io.flotilla.applier.Manifests.job;
import static io.flotilla.applier.Manifests.kept;
import static io.flotilla.applier.Manifests.widget;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.applier.Renders;
import io.flotilla.applier.cluster.ClientSettings;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.testing.clusters.SimulatedFleet;

/** Applying straight to simulated clusters, one of which no longer answers. */
class ReleaseApplyTest {

    @TempDir
    static Path dir;

    private static SimulatedFleet fleet;
    private static ClusterClients clusters;
    private static ReleaseApply apply;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(Map.of("dev", Map.of("env", "dev"), "gone", Map.of("env", "dev")));
        Path kubeconfig = dir.resolve("kubeconfig");
        fleet.writeKubeconfig(kubeconfig);
        fleet.cluster("gone").close();
        clusters = new ClusterClients(kubeconfig, null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000));
        apply = new ReleaseApply(clusters, new HealthWait(Duration.ofMillis(100)));
    }

    @AfterAll
    static void stopFleet() {
        clusters.close();
        fleet.close();
    }

    @Test
    void aClusterThatDoesNotAnswerMakesItsReleaseUnreachableNamingTheClusterAndTheError() {
        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("gone", "apps", "web"), "gone-1",
                List.of(configMap("web", null, Map.of()))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Unreachable);
        assertThat(report.error()).startsWith("cluster 'gone' is unreachable at http")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void theReleasesOfOtherClustersGoOnWhileOneDoesNotAnswer() {
        apply.apply(Renders.chart(new ReleaseKey("gone", "apps", "api"), "gone-2",
                List.of(configMap("api", null, Map.of()))), List.of());

        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "apps", "api"), "dev-2",
                List.of(configMap("api", null, Map.of()))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("apps").withName("api").get()).isNotNull();
    }

    @Test
    void aFolderOfManifestsDoesNotCreateItsReleaseNamespace() {
        ApplyReport report = apply.apply(Renders.manifests(new ReleaseKey("dev", "elsewhere", "common-rbac"),
                "rbac-1", List.of(clusterRole("auditor"))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().rbac().clusterRoles().withName("auditor").get()).isNotNull();
        assertThat(fleet.cluster("dev").client().namespaces().withName("elsewhere").get()).isNull();
    }

    @Test
    void aCustomResourceWithoutItsDefinitionIsRefusedNamingItsKindAndNothingIsApplied() {
        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "gadgets", "gadgets"), "gadgets-1",
                List.of(widget("sprocket"), configMap("gadgets", null, Map.of()))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("the API server refused 1 of 2 objects in a dry run; nothing was "
                + "applied: Widget sprocket: cluster 'dev' serves no kind Widget in example.com/v1; apply its "
                + "CustomResourceDefinition first, or check the apiVersion");
        assertThat(report.objects()).extracting(ObjectResult::action).containsExactly("failed");
        assertThat(fleet.cluster("dev").client().namespaces().withName("gadgets").get()).isNull();
    }

    @Test
    void aRenderedObjectWithoutNameFailsTheReleaseBeforeAnythingIsApplied() {
        long requests = fleet.cluster("dev").requestCount();
        Map<String, Object> nameless = configMap("x", null, Map.of());
        ((Map<?, ?>) nameless.get("metadata")).clear();

        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "apps", "nameless"), "nameless-1",
                List.of(configMap("first", null, Map.of()), nameless)), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("rendered object #2 (ConfigMap) has no metadata.name");
        assertThat(fleet.cluster("dev").requestCount()).isEqualTo(requests);
    }

    @Test
    void aReleaseTheApiServerRejectsIsRefusedBeforeAnythingChangesWithItsMessagePerObject() {
        long writes = fleet.cluster("dev").writeCount();

        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "refusing", "web"), "refusing-1",
                List.of(configMap("web", null, Map.of()), configMap("stray", "nowhere", Map.of()),
                        configMap("lost", "void", Map.of()))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("the API server refused 2 of 3 objects in a dry run; nothing was "
                + "applied: ConfigMap nowhere/stray: namespaces \"nowhere\" not found; "
                + "ConfigMap void/lost: namespaces \"void\" not found");
        assertThat(fleet.cluster("dev").writeCount()).isEqualTo(writes);
        assertThat(fleet.cluster("dev").client().namespaces().withName("refusing").get()).isNull();
    }

    @Test
    void prunesObjectsRemovedFromTheChartButKeepsThoseMarkedKeep() {
        ReleaseKey release = new ReleaseKey("dev", "pruning", "web");
        ApplyReport first = apply.apply(Renders.chart(release, "pruning-1", List.of(configMap("web", null, Map.of()),
                configMap("old", null, Map.of()), kept(configMap("precious", null, Map.of())))), List.of());

        ApplyReport second = apply.apply(Renders.chart(release, "pruning-2",
                List.of(configMap("web", null, Map.of("v", "2")))), objectsOf(first));

        assertThat(second.outcome()).isEqualTo(Outcome.Ready);
        assertThat(second.objects()).extracting(result -> result.object().name() + " " + result.action())
                .containsExactly("web applied", "old deleted", "precious kept");
        assertThat(configMaps("pruning")).containsExactly("precious", "web");
    }

    @Test
    void aReleaseThatFailsDeletesNothing() {
        ReleaseKey release = new ReleaseKey("dev", "unpruned", "web");
        ApplyReport first = apply.apply(Renders.chart(release, "unpruned-1", List.of(configMap("web", null, Map.of()),
                configMap("old", null, Map.of()))), List.of());

        ApplyReport second = apply.apply(Renders.chart(release, "unpruned-2",
                List.of(configMap("web", null, Map.of()), configMap("stray", "nowhere", Map.of()))), objectsOf(first));

        assertThat(second.outcome()).isEqualTo(Outcome.Failed);
        assertThat(configMaps("unpruned")).containsExactly("old", "web");
    }

    @Test
    void uninstallingDeletesEveryObjectOfTheReleaseButThoseMarkedKeep() {
        ReleaseKey release = new ReleaseKey("dev", "leaving", "web");
        ApplyReport installed = apply.apply(Renders.chart(release, "leaving-1", List.of(configMap("web", null, Map.of()),
                kept(configMap("precious", null, Map.of())), clusterRole("leaving-reader"))), List.of());

        ApplyReport report = apply.uninstall(release, objectsOf(installed));

        assertThat(report.outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(report.objects()).extracting(result -> result.object().name() + " " + result.action())
                .containsExactlyInAnyOrder("web deleted", "precious kept", "leaving-reader deleted");
        assertThat(configMaps("leaving")).containsExactly("precious");
        assertThat(fleet.cluster("dev").client().rbac().clusterRoles().withName("leaving-reader").get()).isNull();
    }

    @Test
    void preInstallHooksRunByWeightBeforeTheReleaseAndPostInstallHooksAfter() {
        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "hooked", "web"), "hooked-1", List.of(
                configMap("app", null, Map.of()),
                hook(configMap("announce", null, Map.of()), "post-install", null, null),
                hook(configMap("second", null, Map.of()), "pre-install", "5", null),
                hook(configMap("first", null, Map.of()), "pre-install", "-1", null))), List.of());

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(report.objects()).extracting(result -> result.object().name() + " " + result.action())
                .containsExactly("first hook", "second hook", "app applied", "announce hook");
        assertThat(writeOrder("hooked", "first")).isLessThan(writeOrder("hooked", "second"));
        assertThat(writeOrder("hooked", "second")).isLessThan(writeOrder("hooked", "app"));
        assertThat(writeOrder("hooked", "app")).isLessThan(writeOrder("hooked", "announce"));
    }

    @Test
    void aHookJobIsAwaitedAndDeletedOnceItSucceededWhenItsPolicySaysSo() {
        ApplyReport report = apply.apply(Renders.chart(new ReleaseKey("dev", "migrating", "web"), "migrating-1",
                List.of(configMap("app", null, Map.of()), hook(job("migrate"), "pre-install", null, "hook-succeeded"))),
                List.of());

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().batch().v1().jobs().inNamespace("migrating").withName("migrate").get())
                .isNull();
        assertThat(configMaps("migrating")).containsExactly("app");
    }

    @Test
    void aFailingPreInstallHookFailsTheReleaseBeforeItsObjectsAndIsDeletedWhenItsPolicySaysSo() {
        ReleaseOptions oneSecond = new ReleaseOptions(1, false, List.of(), 0, 0, null, List.of(), null, false);
        fleet.cluster("dev").rolloutAutomatically(false);
        ApplyReport report;
        try {
            report = apply.apply(Renders.with(Renders.chart(new ReleaseKey("dev", "hookfail", "web"), "hookfail-1",
                    List.of(configMap("app", null, Map.of()), hook(job("migrate"), "pre-install", null, "hook-failed"))),
                    oneSecond), List.of());
        } finally {
            fleet.cluster("dev").rolloutAutomatically(true);
        }

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("pre-install hook Job hookfail/migrate failed: not healthy within 1s: "
                + "Job hookfail/migrate: 0 of 1 completions");
        assertThat(configMaps("hookfail")).isEmpty();
        assertThat(fleet.cluster("dev").client().batch().v1().jobs().inNamespace("hookfail").withName("migrate").get())
                .isNull();
    }

    @Test
    void aHookLeftFromTheLastRunIsReplacedBeforeItRunsAgainOnUpgrade() {
        ReleaseKey release = new ReleaseKey("dev", "rehook", "web");
        Map<String, Object> marker = hook(configMap("marker", null, Map.of()), "pre-install,pre-upgrade", null, null);
        ApplyReport installed = apply.apply(Renders.chart(release, "rehook-1", List.of(configMap("app", null, Map.of()),
                marker)), List.of());
        String firstUid = fleet.cluster("dev").client().configMaps().inNamespace("rehook").withName("marker").get()
                .getMetadata().getUid();

        ApplyReport upgraded = apply.apply(Renders.chart(release, "rehook-2", List.of(configMap("app", null, Map.of()),
                marker)), installed.objects().stream().filter(result -> "applied".equals(result.action()))
                .map(ObjectResult::object).toList());

        assertThat(upgraded.outcome()).as(String.valueOf(upgraded.error())).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("rehook").withName("marker").get()
                .getMetadata().getUid()).isNotEqualTo(firstUid);
        assertThat(configMaps("rehook")).as("a hook is not pruned").containsExactly("app", "marker");
    }

    @Test
    void upgradeHooksRunAroundAnUpgradeOnlyAndOneWithBeforeHookCreationIsReplacedEachTime() {
        ReleaseKey release = new ReleaseKey("dev", "upgrading", "web");
        List<Map<String, Object>> objects = List.of(configMap("app", null, Map.of()),
                hook(configMap("setup", null, Map.of()), "pre-install", null, null),
                hook(configMap("migrate", null, Map.of()), "pre-upgrade", null, "before-hook-creation"),
                hook(configMap("notify", null, Map.of()), "post-upgrade", null, "hook-succeeded"));
        ApplyReport installed = apply.apply(Renders.chart(release, "upgrading-1", objects), List.of());
        assertThat(installed.objects()).extracting(result -> result.object().name() + " " + result.action())
                .containsExactly("setup hook", "app applied");
        List<ObjectRef> inventory = installed.objects().stream().filter(result -> "applied".equals(result.action()))
                .map(ObjectResult::object).toList();

        ApplyReport upgraded = apply.apply(Renders.chart(release, "upgrading-2", objects), inventory);
        String firstMigrate = uidOf("upgrading", "migrate");
        ApplyReport upgradedAgain = apply.apply(Renders.chart(release, "upgrading-3", objects), inventory);

        assertThat(upgraded.objects()).extracting(result -> result.object().name() + " " + result.action())
                .containsExactly("migrate hook", "app applied", "notify hook");
        assertThat(upgradedAgain.outcome()).as(String.valueOf(upgradedAgain.error())).isEqualTo(Outcome.Ready);
        assertThat(uidOf("upgrading", "migrate")).isNotEqualTo(firstMigrate);
        assertThat(configMaps("upgrading")).as("notify deleted once it succeeded").containsExactly("app", "migrate",
                "setup");
    }

    @Test
    void aFailedHookJobWhosePolicyDeletesItOnlyOnSuccessIsLeftForInspection() {
        ReleaseOptions oneSecond = new ReleaseOptions(1, false, List.of(), 0, 0, null, List.of(), null, false);
        fleet.cluster("dev").rolloutAutomatically(false);
        ApplyReport report;
        try {
            report = apply.apply(Renders.with(Renders.chart(new ReleaseKey("dev", "inspect", "web"), "inspect-1",
                    List.of(configMap("app", null, Map.of()), hook(job("check"), "post-install", null, "hook-succeeded"))),
                    oneSecond), List.of());
        } finally {
            fleet.cluster("dev").rolloutAutomatically(true);
        }

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("post-install hook Job inspect/check failed: not healthy within 1s: "
                + "Job inspect/check: 0 of 1 completions");
        assertThat(fleet.cluster("dev").client().batch().v1().jobs().inNamespace("inspect").withName("check").get())
                .isNotNull();
    }

    private static String uidOf(String namespace, String configMap) {
        return fleet.cluster("dev").client().configMaps().inNamespace(namespace).withName(configMap).get()
                .getMetadata().getUid();
    }

    private static long writeOrder(String namespace, String configMap) {
        return Long.parseLong(fleet.cluster("dev").client().configMaps().inNamespace(namespace).withName(configMap).get()
                .getMetadata().getResourceVersion());
    }

    private static List<ObjectRef> objectsOf(ApplyReport report) {
        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        return report.objects().stream().map(ObjectResult::object).toList();
    }

    private static List<String> configMaps(String namespace) {
        return fleet.cluster("dev").client().configMaps().inNamespace(namespace).list().getItems().stream()
                .map(configMap -> configMap.getMetadata().getName()).sorted().toList();
    }
}
