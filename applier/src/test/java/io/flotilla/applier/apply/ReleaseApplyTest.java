package io.flotilla.applier.apply;

import static io.flotilla.applier.Manifests.clusterRole;
import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.deployment;
import static io.flotilla.applier.Manifests.hook;
import static io.flotilla.applier.Manifests.job;
import static io.flotilla.applier.Manifests.kept;
import static io.flotilla.applier.Manifests.widget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Fleets;
import io.flotilla.applier.Manifests;
import io.flotilla.applier.Renders;
import io.flotilla.applier.cluster.ClientSettings;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.sops.SopsKeys;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.testing.fixtures.TestSecretKeys;

/** Applying straight to simulated clusters: one no longer answers, one is lost on the way, one hangs. */
class ReleaseApplyTest {

    @TempDir
    static Path dir;

    private static SimulatedFleet fleet;
    private static ClusterClients clusters;
    private static ReleaseApply apply;
    private static final RememberedHookLedger hooksRan = new RememberedHookLedger();

    private static ClusterClients impatientClusters;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(Map.of("dev", Map.of("env", "dev"), "gone", Map.of("env", "dev"),
                "lost", Map.of("env", "dev"), "slow", Map.of("env", "dev")));
        Path kubeconfig = dir.resolve("kubeconfig");
        fleet.writeKubeconfig(kubeconfig);
        fleet.cluster("gone").close();
        clusters = new ClusterClients(Fleets.of(kubeconfig), null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000));
        impatientClusters = new ClusterClients(Fleets.of(kubeconfig), null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, 1000));
        apply = new ReleaseApply(clusters, new HealthWait(Duration.ofMillis(100)), true, hooksRan, TestSecretKeys.RING,
                new SopsKeys(Optional.empty(), Optional.empty(),
                TestSecretKeys.RING));
    }

    @AfterAll
    static void stopFleet() {
        clusters.close();
        impatientClusters.close();
        fleet.close();
    }

    @Test
    void aClusterThatDoesNotAnswerMakesItsReleaseUnreachableNamingTheClusterAndTheError() {
        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("gone", "apps", "web"), "gone-1",
                List.of(configMap("web", null, Map.of()))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Unreachable);
        assertThat(report.error()).startsWith("cluster 'gone' is unreachable at http")
                .containsIgnoringCase("connection refused");
    }

    @Test
    void aClusterThatAcceptsConnectionsButNeverAnswersMakesItsReleaseUnreachableOnceTheRequestTimesOut() {
        SimulatedCluster slow = fleet.cluster("slow").hang();
        ApplyReport report;
        try {
            report = installOrUpgrade(new ReleaseApply(impatientClusters, new HealthWait(Duration.ofMillis(100)), true,
                    hooksRan, TestSecretKeys.RING, new SopsKeys(Optional.empty(), Optional.empty(),
                TestSecretKeys.RING)),
                    Renders.chart(new ReleaseKey("slow", "apps", "web"), "slow-1",
                            List.of(configMap("web", null, Map.of()))), List.of());
        } finally {
            slow.answerAgain();
        }

        assertThat(report.outcome()).isEqualTo(Outcome.Unreachable);
        assertThat(report.error()).startsWith("cluster 'slow' is unreachable at " + slow.url() + "/: The timeout "
                + "period of 1000ms has been exceeded while executing PATCH /api/v1/namespaces/apps/configmaps/web");
        assertThat(slow.client().namespaces().withName("apps").get()).isNull();
    }

    @Test
    void aClusterLostWhileTheReleaseWaitsForItsWorkloadsMakesTheReleaseUnreachable() throws Exception {
        SimulatedCluster lost = fleet.cluster("lost").rolloutAutomatically(false);
        ReleaseKey release = new ReleaseKey("lost", "waiting", "web");
        ApplyReport applied = installOrUpgrade(apply, Renders.chart(release, "waiting-1", List.of(deployment("web", 1))),
                List.of());
        assertThat(applied.outcome()).as(String.valueOf(applied.error())).isEqualTo(Outcome.Ready);
        long requests = lost.requestCount();

        CompletableFuture<ApplyReport> waited = CompletableFuture.supplyAsync(
                () -> apply.awaitHealth(release, applied, Duration.ofMinutes(5), () -> { }));
        await().atMost(Duration.ofSeconds(60)).until(() -> lost.requestCount() > requests);
        lost.stopAnswering();
        ApplyReport report = waited.get(60, TimeUnit.SECONDS);

        assertThat(report.outcome()).isEqualTo(Outcome.Unreachable);
        // A request in flight when the cluster goes sees its connection closed; the next one sees it refused.
        assertThat(report.error()).matches(Pattern.quote("cluster 'lost' is unreachable at " + lost.url() + "/: ")
                + "Connection (refused|was closed)");
        assertThat(report.objects()).extracting(ObjectResult::object)
                .containsExactly(new ObjectRef("apps/v1", "Deployment", "waiting", "web"));
    }

    @Test
    void aFieldAnotherManagerOwnsIsTakenOverAndTheResultOfItsObjectSaysFromWhomAndWhich() {
        ownedByKubectl("owned", "web", "slow");

        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "owned", "web"), "owned-1",
                List.of(configMap("web", null, Map.of("mode", "fast")), configMap("plain", null, Map.of()))),
                List.of());

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(report.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactly("web taken over", "plain applied");
        assertThat(report.error()).isEqualTo("ConfigMap owned/web: conflict with manager \"kubectl\" on fields "
                + ".data.mode, taken over; ConfigMap owned/web: adopted, as it was on the cluster before Flotilla "
                + "applied it; prune and uninstall leave it there");
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("owned").withName("web").get().getData())
                .containsEntry("mode", "fast");
    }

    @Test
    void withConflictsNotForcedAFieldAnotherManagerOwnsFailsTheReleaseNamingObjectManagerAndFieldsAndNothingChanges() {
        ownedByKubectl("guarded", "web", "slow");
        ReleaseApply careful = new ReleaseApply(clusters, new HealthWait(Duration.ofMillis(100)), false, hooksRan,
                TestSecretKeys.RING, new SopsKeys(Optional.empty(), Optional.empty(),
                TestSecretKeys.RING));
        long writes = fleet.cluster("dev").writeCount();

        ApplyReport report = installOrUpgrade(careful, Renders.chart(new ReleaseKey("dev", "guarded", "web"), "guarded-1",
                List.of(configMap("web", null, Map.of("mode", "fast")), configMap("plain", null, Map.of()))),
                List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("the API server refused 1 of 2 objects in a dry run; nothing was "
                + "applied: ConfigMap guarded/web: conflict with manager \"kubectl\" on fields .data.mode; not taken "
                + "over, as flotilla.apply.force-conflicts is false");
        assertThat(fleet.cluster("dev").writeCount()).isEqualTo(writes);
        assertThat(configMaps("guarded")).containsExactly("web");
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("guarded").withName("web").get().getData())
                .containsEntry("mode", "slow");
    }

    @Test
    void aFolderOfManifestsDoesNotCreateItsReleaseNamespace() {
        ApplyReport report = installOrUpgrade(apply, Renders.manifests(new ReleaseKey("dev", "elsewhere", "common-rbac"),
                "rbac-1", List.of(clusterRole("auditor"))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().rbac().clusterRoles().withName("auditor").get()).isNotNull();
        assertThat(fleet.cluster("dev").client().namespaces().withName("elsewhere").get()).isNull();
    }

    @Test
    void aCustomResourceWithoutItsDefinitionIsRefusedNamingItsKindAndNothingIsApplied() {
        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "gadgets", "gadgets"), "gadgets-1",
                List.of(widget("sprocket"), configMap("gadgets", null, Map.of()))), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("the API server refused 1 of 2 objects in a dry run; nothing was "
                + "applied: Widget sprocket: cluster 'dev' serves no kind Widget in example.com/v1; apply its "
                + "CustomResourceDefinition first, or check the apiVersion");
        assertThat(report.objects()).extracting(ObjectResult::action).containsExactly(ObjectAction.FAILED);
        assertThat(fleet.cluster("dev").client().namespaces().withName("gadgets").get()).isNull();
    }

    @Test
    void aRenderedObjectWithoutNameFailsTheReleaseBeforeAnythingIsApplied() {
        long requests = fleet.cluster("dev").requestCount();
        Map<String, Object> nameless = configMap("x", null, Map.of());
        ((Map<?, ?>) nameless.get("metadata")).clear();

        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "apps", "nameless"), "nameless-1",
                List.of(configMap("first", null, Map.of()), nameless)), List.of());

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("rendered object #2 (ConfigMap) has no metadata.name");
        assertThat(fleet.cluster("dev").requestCount()).isEqualTo(requests);
    }

    @Test
    void aReleaseTheApiServerRejectsIsRefusedBeforeAnythingChangesWithItsMessagePerObject() {
        long writes = fleet.cluster("dev").writeCount();

        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "refusing", "web"), "refusing-1",
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
        ApplyReport first = installOrUpgrade(apply, Renders.chart(release, "pruning-1", List.of(configMap("web", null, Map.of()),
                configMap("old", null, Map.of()), kept(configMap("precious", null, Map.of())))), List.of());

        ApplyReport second = installOrUpgrade(apply, Renders.chart(release, "pruning-2",
                List.of(configMap("web", null, Map.of("v", "2")))), objectsOf(first));

        assertThat(second.outcome()).isEqualTo(Outcome.Ready);
        assertThat(second.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactly("web applied", "old deleted", "precious kept");
        assertThat(configMaps("pruning")).containsExactly("precious", "web");
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("pruning").withName("precious").get()
                .getMetadata().getAnnotations()).as("kept, and no release's any more")
                .containsEntry("helm.sh/resource-policy", "keep").doesNotContainKey("flotilla.io/release");
    }

    @Test
    void aReleaseThatFailsDeletesNothing() {
        ReleaseKey release = new ReleaseKey("dev", "unpruned", "web");
        ApplyReport first = installOrUpgrade(apply, Renders.chart(release, "unpruned-1", List.of(configMap("web", null, Map.of()),
                configMap("old", null, Map.of()))), List.of());

        ApplyReport second = installOrUpgrade(apply, Renders.chart(release, "unpruned-2",
                List.of(configMap("web", null, Map.of()), configMap("stray", "nowhere", Map.of()))), objectsOf(first));

        assertThat(second.outcome()).isEqualTo(Outcome.Failed);
        assertThat(configMaps("unpruned")).containsExactly("old", "web");
    }

    @Test
    void uninstallingDeletesEveryObjectOfTheReleaseButThoseMarkedKeep() {
        ReleaseKey release = new ReleaseKey("dev", "leaving", "web");
        ApplyReport installed = installOrUpgrade(apply, Renders.chart(release, "leaving-1", List.of(configMap("web", null, Map.of()),
                kept(configMap("precious", null, Map.of())), clusterRole("leaving-reader"))), List.of());

        ApplyReport report = apply.uninstall(release, objectsOf(installed));

        assertThat(report.outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(report.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactlyInAnyOrder("web deleted", "precious kept", "leaving-reader deleted");
        assertThat(configMaps("leaving")).containsExactly("precious");
        assertThat(fleet.cluster("dev").client().rbac().clusterRoles().withName("leaving-reader").get()).isNull();
    }

    @Test
    void preInstallHooksRunByWeightBeforeTheReleaseAndPostInstallHooksAfter() {
        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "hooked", "web"), "hooked-1", List.of(
                configMap("app", null, Map.of()),
                hook(configMap("announce", null, Map.of()), "post-install", null, null),
                hook(configMap("second", null, Map.of()), "pre-install", "5", null),
                hook(configMap("first", null, Map.of()), "pre-install", "-1", null))), List.of());

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(report.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactly("first hook", "second hook", "app applied", "announce hook");
        assertThat(writeOrder("hooked", "first")).isLessThan(writeOrder("hooked", "second"));
        assertThat(writeOrder("hooked", "second")).isLessThan(writeOrder("hooked", "app"));
        assertThat(writeOrder("hooked", "app")).isLessThan(writeOrder("hooked", "announce"));
    }

    @Test
    void aHookJobIsAwaitedAndDeletedOnceItSucceededWhenItsPolicySaysSo() {
        ApplyReport report = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "migrating", "web"), "migrating-1",
                List.of(configMap("app", null, Map.of()), hook(job("migrate"), "pre-install", null, "hook-succeeded"))),
                List.of());

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Ready);
        assertThat(fleet.cluster("dev").client().batch().v1().jobs().inNamespace("migrating").withName("migrate").get())
                .isNull();
        assertThat(configMaps("migrating")).containsExactly("app");
    }

    @Test
    void hooksThatRanForARevisionTheApplierStoppedBeforeRecordingAreNotRunAgainButANewRevisionRunsThem() {
        ReleaseRendered rendered = Renders.chart(new ReleaseKey("dev", "restarted", "web"), "restarted-1",
                List.of(configMap("app", null, Map.of()), hook(job("migrate"), "pre-install", null, "hook-succeeded")));
        installOrUpgrade(apply, rendered, List.of());
        long writesBefore = jobWrites("restarted");

        ApplyReport again = installOrUpgrade(apply, rendered, List.of());

        assertThat(again.outcome()).isEqualTo(Outcome.Ready);
        assertThat(again.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .contains("migrate hook");
        assertThat(jobWrites("restarted")).as("the migration Job was not created again").isEqualTo(writesBefore);

        hooksRan.nextRevision();
        installOrUpgrade(apply, rendered, List.of());
        assertThat(jobWrites("restarted")).isGreaterThan(writesBefore);
    }

    private static long jobWrites(String namespace) {
        return fleet.cluster("dev").receivedRequests().stream()
                .filter(request -> !request.method().equals("GET") && !request.isDryRun())
                .filter(request -> request.path().contains("/namespaces/" + namespace + "/jobs")).count();
    }

    @Test
    void aFailingPreInstallHookFailsTheReleaseBeforeItsObjectsAndIsDeletedWhenItsPolicySaysSo() {
        ReleaseOptions oneSecond = ReleaseOptions.builder().timeoutSeconds(1).build();
        fleet.cluster("dev").rolloutAutomatically(false);
        ApplyReport report;
        try {
            report = installOrUpgrade(apply, Renders.with(Renders.chart(new ReleaseKey("dev", "hookfail", "web"), "hookfail-1",
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
        ApplyReport installed = installOrUpgrade(apply, Renders.chart(release, "rehook-1", List.of(configMap("app", null, Map.of()),
                marker)), List.of());
        String firstUid = fleet.cluster("dev").client().configMaps().inNamespace("rehook").withName("marker").get()
                .getMetadata().getUid();

        ApplyReport upgraded = installOrUpgrade(apply, Renders.chart(release, "rehook-2", List.of(configMap("app", null, Map.of()),
                marker)), installed.objects().stream().filter(result -> result.action() == ObjectAction.APPLIED)
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
        ApplyReport installed = installOrUpgrade(apply, Renders.chart(release, "upgrading-1", objects), List.of());
        assertThat(installed.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactly("setup hook", "app applied");
        List<ObjectRef> inventory = installed.objects().stream().filter(result -> result.action() == ObjectAction.APPLIED)
                .map(ObjectResult::object).toList();

        ApplyReport upgraded = installOrUpgrade(apply, Renders.chart(release, "upgrading-2", objects), inventory);
        String firstMigrate = uidOf("upgrading", "migrate");
        ApplyReport upgradedAgain = installOrUpgrade(apply, Renders.chart(release, "upgrading-3", objects), inventory);

        assertThat(upgraded.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactly("migrate hook", "app applied", "notify hook");
        assertThat(upgradedAgain.outcome()).as(String.valueOf(upgradedAgain.error())).isEqualTo(Outcome.Ready);
        assertThat(uidOf("upgrading", "migrate")).isNotEqualTo(firstMigrate);
        assertThat(configMaps("upgrading")).as("notify deleted once it succeeded").containsExactly("app", "migrate",
                "setup");
    }

    @Test
    void aFailedHookJobWhosePolicyDeletesItOnlyOnSuccessIsLeftForInspection() {
        ReleaseOptions oneSecond = ReleaseOptions.builder().timeoutSeconds(1).build();
        fleet.cluster("dev").rolloutAutomatically(false);
        ApplyReport report;
        try {
            report = installOrUpgrade(apply, Renders.with(Renders.chart(new ReleaseKey("dev", "inspect", "web"), "inspect-1",
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

    @Test
    void aHookJobThatFailsByItsConditionFailsTheReleaseAtOncePrunesNothingAndOtherReleasesGoOn() throws Exception {
        ReleaseKey release = new ReleaseKey("dev", "failing", "web");
        ApplyReport installed = installOrUpgrade(apply, Renders.chart(release, "failing-1", List.of(configMap("web", null, Map.of()),
                configMap("old", null, Map.of()))), List.of());
        ReleaseOptions fiveMinutes = ReleaseOptions.builder().build();
        fleet.cluster("dev").rolloutAutomatically(false);
        CompletableFuture<ApplyReport> upgrading;
        ApplyReport other;
        try {
            upgrading = CompletableFuture.supplyAsync(() -> installOrUpgrade(apply, Renders.with(Renders.chart(release,
                    "failing-2", List.of(configMap("web", null, Map.of("v", "2")),
                            hook(job("migrate"), "pre-upgrade", null, "hook-succeeded"))), fiveMinutes),
                    objectsOf(installed)));
            Job migrate = await().atMost(Duration.ofSeconds(60)).until(() -> fleet.cluster("dev").client().batch().v1()
                    .jobs().inNamespace("failing").withName("migrate").get(), job -> job != null);
            other = installOrUpgrade(apply, Renders.chart(new ReleaseKey("dev", "bystander", "web"), "bystander-1",
                    List.of(configMap("web", null, Map.of()))), List.of());
            migrate.setStatus(new JobStatusBuilder().withFailed(1).withConditions(new JobConditionBuilder()
                    .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded")
                    .withMessage("Job has reached the specified backoff limit").build()).build());
            fleet.cluster("dev").client().resource(migrate).updateStatus();
        } finally {
            fleet.cluster("dev").rolloutAutomatically(true);
        }
        ApplyReport report = upgrading.get(60, TimeUnit.SECONDS);

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo("pre-upgrade hook Job failing/migrate failed: Job failing/migrate: "
                + "Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit");
        assertThat(configMaps("failing")).containsExactly("old", "web");
        assertThat(fleet.cluster("dev").client().configMaps().inNamespace("failing").withName("web").get().getData())
                .doesNotContainKey("v");
        assertThat(other.outcome()).isEqualTo(Outcome.Ready);
        assertThat(configMaps("bystander")).containsExactly("web");
    }

    @Test
    void uninstallingDeletesInReverseInstallOrderAndKeepsCustomResourceDefinitionsSayingSo() {
        ReleaseKey release = new ReleaseKey("dev", "ordered", "web");
        ApplyReport installed = installOrUpgrade(apply, Renders.chart(release, "ordered-1", List.of(custom("Gadget", "cog"),
                deployment("web", 1), service("web"), clusterRole("ordered-reader"), configMap("web", null, Map.of()),
                serviceAccount("web"), definition("Gadget"))), List.of());
        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);
        long before = System.nanoTime();

        ApplyReport report = apply.uninstall(release, objectsOf(installed));

        assertThat(report.outcome()).as(String.valueOf(report.error())).isEqualTo(Outcome.Uninstalled);
        List<String> deletions = fleet.cluster("dev").receivedRequests().stream()
                .filter(request -> request.receivedNanos() >= before && request.method().equals("DELETE"))
                .map(request -> request.path().split("\\?")[0]).toList();
        assertThat(deletions).containsExactly(
                "/apis/example.com/v1/namespaces/ordered/gadgets/cog",
                "/apis/apps/v1/namespaces/ordered/deployments/web",
                "/api/v1/namespaces/ordered/services/web",
                "/apis/rbac.authorization.k8s.io/v1/clusterroles/ordered-reader",
                "/api/v1/namespaces/ordered/configmaps/web",
                "/api/v1/namespaces/ordered/serviceaccounts/web");
        assertThat(report.objects()).filteredOn(result -> result.object().kind().equals("CustomResourceDefinition"))
                .extracting(ObjectResult::action).containsExactly(ObjectAction.KEPT);
        assertThat(report.error()).isEqualTo("CustomResourceDefinition gadgets.example.com: kept; "
                + "CustomResourceDefinitions are never deleted, as with Helm, since that would delete every resource "
                + "of their kind");
        assertThat(fleet.cluster("dev").client().apiextensions().v1().customResourceDefinitions()
                .withName("gadgets.example.com").get()).isNotNull();
    }

    @Test
    void aDefinitionLeftOutOfTheNextRevisionIsKeptWhileTheRestIsPruned() {
        ReleaseKey release = new ReleaseKey("dev", "defining", "web");
        ApplyReport first = installOrUpgrade(apply, Renders.chart(release, "defining-1", List.of(definition("Sprocket"),
                configMap("web", null, Map.of()), configMap("old", null, Map.of()))), List.of());

        ApplyReport second = installOrUpgrade(apply, Renders.chart(release, "defining-2",
                List.of(configMap("web", null, Map.of()))), objectsOf(first));

        assertThat(second.outcome()).isEqualTo(Outcome.Ready);
        assertThat(second.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactly("web applied", "old deleted", "sprockets.example.com kept");
        assertThat(configMaps("defining")).containsExactly("web");
        assertThat(fleet.cluster("dev").client().apiextensions().v1().customResourceDefinitions()
                .withName("sprockets.example.com").get()).isNotNull();
    }

    /** The ConfigMap, created by {@code kubectl apply --server-side}, which owns its field {@code data.mode}. */
    private static void ownedByKubectl(String namespace, String name, String mode) {
        KubernetesClient client = fleet.cluster("dev").client();
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .fieldManager("kubectl").serverSideApply();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData("mode", mode).build()).fieldManager("kubectl").serverSideApply();
    }

    /**
     * The definition of a namespaced kind in {@code example.com/v1}; each test its own kind, as a definition outlives
     * its release.
     */
    private static Map<String, Object> definition(String kind) {
        String plural = kind.toLowerCase(Locale.ROOT) + "s";
        Map<String, Object> definition = Manifests.object("apiextensions.k8s.io/v1", "CustomResourceDefinition",
                plural + ".example.com", null);
        definition.put("spec", Map.of("group", "example.com", "scope", "Namespaced",
                "names", Map.of("kind", kind, "listKind", kind + "List", "plural", plural,
                        "singular", kind.toLowerCase(Locale.ROOT)),
                "versions", List.of(Map.of("name", "v1", "served", true, "storage", true, "schema",
                        Map.of("openAPIV3Schema", Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true))))));
        return definition;
    }

    private static Map<String, Object> custom(String kind, String name) {
        Map<String, Object> object = Manifests.object("example.com/v1", kind, name, null);
        object.put("spec", Map.of("size", 3));
        return object;
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> object = Manifests.object("v1", "Service", name, null);
        object.put("spec", Map.of("selector", Map.of("app", name), "ports", List.of(Map.of("port", 80))));
        return object;
    }

    private static Map<String, Object> serviceAccount(String name) {
        return Manifests.object("v1", "ServiceAccount", name, null);
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

    /**
     * Applies with the install hooks while the release has nothing on its cluster ({@code inventory}), else with the
     * upgrade hooks: as the reconciler decides for these releases, which never fail.
     */
    private static ApplyReport installOrUpgrade(ReleaseApply apply, ReleaseRendered rendered,
            List<ObjectRef> inventory) {
        return apply.apply(DesiredRelease.of(rendered), inventory,
                inventory.isEmpty() ? HookPhase.INSTALL : HookPhase.UPGRADE);
    }
}
