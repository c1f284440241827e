package io.flotilla.applier.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Manifests;
import io.flotilla.applier.Renders;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.helm.HelmReleaseStorage;
import io.flotilla.applier.ownership.OwnershipMarks;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.CompressedChart;
import io.flotilla.events.CompressedValues;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.helm.HelmCli;

/**
 * Real Helm (helm-java) on a simulated cluster where Flotilla applies a chart: Helm sees Flotilla's revisions as its
 * own and works on them, and Flotilla takes over a release Helm installed at its next revision.
 */
class HelmWorksOnFlotillasReleasesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;
    private static Path kubeconfig;
    private static Path chart;
    private static ReleaseReconciler reconciler;

    @BeforeAll
    static void start() throws URISyntaxException {
        simulated = OneSimulatedCluster.start(dir, OneSimulatedCluster.NOTHING_REMEMBERED);
        kubeconfig = simulated.kubeconfig();
        chart = Path.of(HelmWorksOnFlotillasReleasesTest.class.getResource("/charts/web/Chart.yaml").toURI())
                .getParent();
        ClusterClients clusters = simulated.clusters();
        reconciler = new ReleaseReconciler(simulated.apply(), new RememberedHistory(),
                new HelmReleaseStorage(clusters, TestSecretKeys.RING),
                new ClusterLiveReads(clusters), Reconcilers.POLICY, () -> { });
    }

    @AfterAll
    static void stop() {
        simulated.close();
    }

    @Test
    void helmShowsFlotillasRevisionsAndTestsAndUpgradesTheReleaseFromThem() {
        ReleaseKey release = new ReleaseKey("dev", "shown", "web");
        ReleaseOptions tested = ReleaseOptions.builder().test(true).build();
        assertThat(apply(rendering(release, "one", 1, tested)).outcome()).isEqualTo(Outcome.Ready);
        ReleaseApplied second = apply(rendering(release, "two", 2, tested));

        assertThat(second.outcome()).isEqualTo(Outcome.Ready);
        assertThat(second.error()).isEqualTo("tests passed: Job shown/web-test");
        assertThat(history(release)).containsExactly(tuple(1, "superseded", "Install complete"),
                tuple(2, "deployed", "Upgrade complete"));
        assertThat(Helm.get("web").values().withNamespace("shown").withKubeConfig(kubeconfig).call())
                .as("helm get values shows the values the release was rendered with")
                .isEqualToIgnoringWhitespace("message: two");
        assertThat(Helm.get("web").values().allValues().withNamespace("shown").withKubeConfig(kubeconfig).call())
                .as("helm get values --all: the chart's defaults under the release's values")
                .contains("legacy: false", "message: two");
        assertThat(Helm.status("web").withNamespace("shown").withKubeConfig(kubeconfig).call().getOutput())
                .as("helm status shows the chart's notes as rendered for the revision")
                .contains("CHART: web-1.0.0", "APP VERSION: 1.27", "NOTES:\nweb says two");
        client().batch().v1().jobs().inNamespace("shown").withName("web-test").delete();

        Release tests = Helm.test("web").withNamespace("shown").withKubeConfig(kubeconfig).withTimeout(30).call();
        Release upgraded = new Helm(chart).upgrade().withName("web").withNamespace("shown")
                .withKubeConfig(kubeconfig).reuseValues().call();

        assertThat(tests.getStatus()).isEqualTo("deployed");
        assertThat(client().batch().v1().jobs().inNamespace("shown").withName("web-test").get())
                .as("helm test ran the test hook of Flotilla's record").isNotNull();
        assertThat(upgraded.getRevision()).isEqualTo("3");
        assertThat(history(release)).extracting(entry -> entry.toList().get(1))
                .containsExactly("superseded", "superseded", "deployed");
        assertThat(configMap("shown").getData()).as("helm upgrade --reuse-values reused the values of Flotilla's record")
                .containsEntry("message", "two");
    }

    @Test
    void anUpgradeRolledBackIsAFailedRevisionThenARollbackToTheRevisionDeployedBefore() {
        ReleaseKey release = new ReleaseKey("dev", "remedied", "web");
        ReleaseOptions oneRetry = ReleaseOptions.builder().timeoutSeconds(1).upgradeRetries(1).remediateLastFailure(true)
                .build();
        assertThat(apply(rendering(release, "one", 1, oneRetry)).outcome()).isEqualTo(Outcome.Ready);
        ReleaseRendered withGizmo = rendering(release, "two", 2, oneRetry);
        List<Map<String, Object>> objects = new ArrayList<>(DesiredRelease.of(withGizmo).objects());
        objects.add(Manifests.object("example.com/v1", "Gizmo", "web-gizmo", null));

        ReleaseApplied rolledBack = apply(withGizmo.toBuilder().objects(objects).build());

        assertThat(rolledBack.outcome()).isEqualTo(Outcome.RolledBack);
        assertThat(history(release)).extracting(entry -> entry.toList().get(0), entry -> entry.toList().get(1))
                .containsExactly(tuple(1, "superseded"), tuple(2, "superseded"), tuple(3, "deployed"));
        assertThat(history(release)).extracting(entry -> (String) entry.toList().get(2)).satisfiesExactly(
                first -> assertThat(first).isEqualTo("Install complete"),
                failed -> assertThat(failed).startsWith("Upgrade \"web\" failed: upgrade failed after 2 attempts: ")
                        .contains("Gizmo web-gizmo: cluster 'dev' serves no kind Gizmo"),
                rollback -> assertThat(rollback).isEqualTo("Rollback to 1"));
        assertThat(configMap("remedied").getData()).containsEntry("message", "one");
        assertThat(client().batch().v1().jobs().inNamespace("remedied").withName("web-before-rollback").get())
                .as("the pre-rollback hook ran").isNotNull();

        Release upgraded = new Helm(chart).upgrade().withName("web").withNamespace("remedied")
                .withKubeConfig(kubeconfig).set("message", "three").call();

        assertThat(upgraded.getRevision()).as("Helm goes on from the rollback").isEqualTo("4");
        assertThat(configMap("remedied").getData()).containsEntry("message", "three");
    }

    /**
     * Helm's own command line ({@link HelmCli}) on Flotilla's records: {@code helm get all} shows the values, chart
     * defaults and notes; {@code helm rollback} to Flotilla's first revision adds a revision, runs the pre-rollback
     * hook and brings the first revision's objects back; Flotilla's next rendering goes on from Helm's revision.
     */
    @Test
    void aHandRunHelmRollbackAddsARevisionFromFlotillasRecordsAndFlotillaGoesOnFromIt() {
        ReleaseKey release = new ReleaseKey("dev", "by-hand", "web");
        assertThat(apply(rendering(release, "one", 1, ReleaseOptions.DEFAULTS)).outcome()).isEqualTo(Outcome.Ready);
        assertThat(apply(rendering(release, "two", 2, ReleaseOptions.DEFAULTS)).outcome()).isEqualTo(Outcome.Ready);
        HelmCli helm = HelmCli.against(kubeconfig);

        String all = helm.run("get", "all", "web", "--namespace", "by-hand");
        helm.run("rollback", "web", "1", "--namespace", "by-hand", "--timeout", "60s");

        assertThat(all).contains("REVISION: 2", "USER-SUPPLIED VALUES:\nmessage: two",
                "COMPUTED VALUES:\nlegacy: false\nmessage: two", "HOOKS:", "web-before-rollback", "MANIFEST:",
                "NOTES:\nweb says two");
        assertThat(history(release)).containsExactly(tuple(1, "superseded", "Install complete"),
                tuple(2, "superseded", "Upgrade complete"), tuple(3, "deployed", "Rollback to 1"));
        assertThat(configMap("by-hand").getData()).as("the first revision's objects are back")
                .containsEntry("message", "one");
        assertThat(client().batch().v1().jobs().inNamespace("by-hand").withName("web-before-rollback").get())
                .as("Helm ran the pre-rollback hook Flotilla recorded").isNotNull();
        assertThat(helm.run("get", "values", "web", "--namespace", "by-hand"))
                .as("the rollback's record keeps the first revision's values").contains("message: one");

        ReleaseApplied next = apply(rendering(release, "three", 3, ReleaseOptions.DEFAULTS));

        assertThat(next.outcome()).as(String.valueOf(next.error())).isEqualTo(Outcome.Ready);
        assertThat(history(release)).last().isEqualTo(tuple(4, "deployed", "Upgrade complete"));
        assertThat(configMap("by-hand").getData()).containsEntry("message", "three");
    }

    @Test
    void helmsRecordHoldsTheSecretsAsAppliedSoHelmShowsAndRollsBackTheirValues() {
        ReleaseKey release = new ReleaseKey("dev", "secret-history", "web");
        assertThat(apply(withSecret(rendering(release, "one", 1, ReleaseOptions.DEFAULTS), "first-password"))
                .outcome()).isEqualTo(Outcome.Ready);
        assertThat(apply(withSecret(rendering(release, "two", 2, ReleaseOptions.DEFAULTS), "second-password"))
                .outcome()).isEqualTo(Outcome.Ready);
        HelmCli helm = HelmCli.against(kubeconfig);

        String manifest = helm.run("get", "manifest", "web", "--namespace", "secret-history");
        helm.run("rollback", "web", "1", "--namespace", "secret-history", "--timeout", "60s");

        assertThat(manifest).contains("name: \"web-credentials\"", "password: \"second-password\"")
                .doesNotContain("sealed:v1:");
        Secret restored = client().secrets().inNamespace("secret-history").withName("web-credentials").get();
        String password = restored.getData() != null && restored.getData().containsKey("password")
                ? new String(Base64.getDecoder().decode(restored.getData().get("password")), StandardCharsets.UTF_8)
                : restored.getStringData().get("password");
        assertThat(password).as("helm rollback applied the first revision's value, not sealed text")
                .isEqualTo("first-password");
    }

    @Test
    void aReleaseHelmInstalledIsTakenOverAtItsNextRevisionWithoutRecreatingOrRestartingAnything() {
        ReleaseKey release = new ReleaseKey("dev", "adopted", "web");
        new Helm(chart).install().withName("web").withNamespace("adopted").createNamespace()
                .withKubeConfig(kubeconfig).set("message", "one").withTimeout(30).call();
        ConfigMap settings = configMap("adopted");
        Deployment workload = deployment("adopted");

        ReleaseApplied taken = apply(rendering(release, "one", 1, ReleaseOptions.DEFAULTS));

        assertThat(taken.outcome()).as(String.valueOf(taken.error())).isEqualTo(Outcome.Ready);
        assertThat(history(release)).containsExactly(tuple(1, "superseded", "Install complete"),
                tuple(2, "deployed", "Upgrade complete"));
        assertThat(configMap("adopted").getMetadata().getUid()).isEqualTo(settings.getMetadata().getUid());
        Deployment after = deployment("adopted");
        assertThat(after.getMetadata().getUid()).isEqualTo(workload.getMetadata().getUid());
        assertThat(after.getMetadata().getGeneration()).as("no new rollout")
                .isEqualTo(workload.getMetadata().getGeneration());
        assertThat(after.getSpec().getTemplate()).isEqualTo(workload.getSpec().getTemplate());
        assertThat(after.getMetadata().getAnnotations()).as("the release's own, not adopted")
                .containsEntry(OwnershipMarks.RELEASE, "adopted/web").doesNotContainKey(OwnershipMarks.ADOPTED);
        assertThat(client().batch().v1().jobs().inNamespace("adopted").withName("web-setup").get())
                .as("the pre-install hook is not run again").isNull();
    }

    @Test
    void takingOverPrunesWhatHelmDeployedAndTheRenderingNoLongerHasButOnlyWhatTheReleaseOwns() {
        ReleaseKey release = new ReleaseKey("dev", "trimmed", "web");
        new Helm(chart).install().withName("web").withNamespace("trimmed").createNamespace()
                .withKubeConfig(kubeconfig).set("message", "one").set("legacy", "true").withTimeout(30).call();
        client().configMaps().inNamespace("trimmed").withName("web-legacy-shared").edit(shared -> {
            shared.getMetadata().getAnnotations().put("meta.helm.sh/release-name", "other");
            return shared;
        });

        ReleaseApplied taken = apply(rendering(release, "one", 1, ReleaseOptions.DEFAULTS));

        assertThat(taken.outcome()).as(String.valueOf(taken.error())).isEqualTo(Outcome.Ready);
        assertThat(taken.objects()).filteredOn(result -> result.object().name().startsWith("web-legacy"))
                .extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactlyInAnyOrder("web-legacy deleted", "web-legacy-shared kept");
        assertThat(client().configMaps().inNamespace("trimmed").withName("web-legacy").get()).isNull();
        assertThat(client().configMaps().inNamespace("trimmed").withName("web-legacy-shared").get())
                .as("Helm's marks name another release").isNotNull();
        assertThat(configMap("trimmed").getData()).containsEntry("message", "one");
    }

    @Test
    void aRemovedReleaseRunsItsPreDeleteHookThenIsGoneWithItsHelmRecords() {
        ReleaseKey release = new ReleaseKey("dev", "removed", "web");
        assertThat(apply(rendering(release, "one", 1, ReleaseOptions.DEFAULTS)).outcome()).isEqualTo(Outcome.Ready);
        assertThat(client().batch().v1().jobs().inNamespace("removed").withName("web-farewell").get())
                .as("a pre-delete hook waits for the uninstall").isNull();

        ReleaseApplied removed = apply(Renders.removed(release).toBuilder().commitOrder(2).build());

        assertThat(removed.outcome()).as(String.valueOf(removed.error())).isEqualTo(Outcome.Uninstalled);
        assertThat(client().batch().v1().jobs().inNamespace("removed").withName("web-farewell").get()).isNotNull();
        assertThat(configMap("removed")).isNull();
        assertThat(deployment("removed")).isNull();
        assertThat(client().secrets().inNamespace("removed").withLabel("owner", "helm").list().getItems())
                .as("Helm's records").isEmpty();
    }

    /** Reconciles the rendering as if it came on the rendered topic. */
    private static ReleaseApplied apply(ReleaseRendered rendered) {
        return reconciler.reconcile(DesiredRelease.of(rendered), Causes.rendering(rendered), progress -> { }, true)
                .revision().orElseThrow();
    }

    /**
     * The chart rendered by Helm with {@code message}, as the renderer publishes it: helm-java's template leaves the
     * hooks out, and the chart's hooks (its {@code -job.yaml} templates) are plain YAML, so they are read as they are.
     */
    private static ReleaseRendered rendering(ReleaseKey release, String message, long commitOrder,
            ReleaseOptions options) {
        String manifest = new Helm(chart).template().withName(release.name()).withNamespace(release.namespace())
                .set("message", message).call();
        List<Map<String, Object>> objects = new ArrayList<>(documents(manifest));
        try (Stream<Path> templates = Files.list(chart.resolve("templates"))) {
            for (Path hook : templates.filter(file -> file.getFileName().toString().endsWith("-job.yaml")).sorted()
                    .toList()) {
                objects.addAll(documents(Files.readString(hook)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Renders.with(Renders.chart(release, message, objects), options).toBuilder().commitOrder(commitOrder)
                .values(CompressedValues.of(Map.of("message", message))).helmChart(recordChart())
                .notes("web says " + message).build();
    }

    /** {@code rendered} with a Secret of {@code password}, sealed as the renderer publishes it. */
    private static ReleaseRendered withSecret(ReleaseRendered rendered, String password) {
        List<Map<String, Object>> objects = new ArrayList<>(rendered.objects().objects());
        objects.add(Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "web-credentials"),
                "stringData", Map.of("password", password)));
        return rendered.toBuilder().objects(SecretObjects.seal(objects, TestSecretKeys.RING,
                rendered.release().namespace())).build();
    }

    /** The chart as the renderer sends it for Helm's record: its Chart.yaml, values.yaml and templates. */
    private static CompressedChart recordChart() {
        try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
            List<Map<String, Object>> templates = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                templates.add(Map.of("name", "templates/" + file.getFileName(), "data",
                        Base64.getEncoder().encodeToString(Files.readAllBytes(file))));
            }
            return CompressedChart.of(Map.of("metadata", YAML.readValue(chart.resolve("Chart.yaml").toFile(), Map.class),
                    "values", YAML.readValue(chart.resolve("values.yaml").toFile(), Map.class), "templates", templates));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> read = YAML.readerFor(Map.class).readValues(yaml)) {
            while (read.hasNext()) {
                Map<String, Object> document = read.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** Helm's history of the release: revision, status, description. */
    private static List<org.assertj.core.groups.Tuple> history(ReleaseKey release) {
        return Helm.history(release.name()).withNamespace(release.namespace()).withKubeConfig(kubeconfig).call()
                .stream().map(entry -> tuple(entry.getRevision(), entry.getStatus(), entry.getDescription())).toList();
    }

    private static KubernetesClient client() {
        return simulated.client();
    }

    private static ConfigMap configMap(String namespace) {
        return client().configMaps().inNamespace(namespace).withName("web").get();
    }

    private static Deployment deployment(String namespace) {
        return client().apps().deployments().inNamespace(namespace).withName("web").get();
    }
}
