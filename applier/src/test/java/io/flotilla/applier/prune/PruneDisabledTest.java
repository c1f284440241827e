package io.flotilla.applier.prune;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.OneSimulatedCluster;
import io.flotilla.applier.Renders;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

/**
 * What a Flux Kustomization keeps on a simulated cluster: with {@code prune: false} the objects it stops rendering
 * stay, and so does everything once it is removed; an object marked {@code kustomize.toolkit.fluxcd.io/prune:
 * disabled} stays whatever the release does.
 */
class PruneDisabledTest {

    private static final ReleaseOptions NOT_PRUNING = ReleaseOptions.builder().prune(false).waitForAll(false).build();

    @TempDir
    static Path dir;

    private static OneSimulatedCluster simulated;
    private static ReleaseApply apply;

    @BeforeAll
    static void startFleet() {
        simulated = OneSimulatedCluster.start(dir, OneSimulatedCluster.NOTHING_REMEMBERED);
        apply = simulated.apply();
    }

    @AfterAll
    static void stopFleet() {
        simulated.close();
    }

    @Test
    void aKustomizationThatDoesNotPruneKeepsWhatItNoLongerRendersAndWhatItHadOnceRemoved() {
        ReleaseKey release = new ReleaseKey("dev", "flux-system", "kept");
        ApplyReport installed = apply(kustomization(release, "kept-1", NOT_PRUNING, namespace("kept"),
                configMap("first", "kept", Map.of()), configMap("second", "kept", Map.of())), List.of());
        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);

        ApplyReport upgraded = apply(kustomization(release, "kept-2", NOT_PRUNING,
                namespace("kept"), configMap("first", "kept", Map.of())), ReleaseApply.appliedObjects(installed));
        ApplyReport uninstalled = apply.uninstall(release,
                PruneSet.onUninstall(NOT_PRUNING, ReleaseApply.appliedObjects(installed)));

        assertThat(upgraded.outcome()).isEqualTo(Outcome.Ready);
        assertThat(upgraded.objects()).extracting(ObjectResult::action).doesNotContain(ObjectAction.DELETED);
        assertThat(uninstalled.outcome()).isEqualTo(Outcome.Uninstalled);
        assertThat(client().configMaps().inNamespace("kept").withName("second").get()).isNotNull();
        assertThat(client().configMaps().inNamespace("kept").withName("first").get()).isNotNull();
        assertThat(client().namespaces().withName("flux-system").get())
                .as("a Kustomization's own namespace is not created for it").isNull();
    }

    @Test
    void aPruningKustomizationDeletesWhatItNoLongerRendersButWhatFluxIsToldToKeep() {
        ReleaseKey release = new ReleaseKey("dev", "flux-system", "pruned");
        Map<String, Object> marked = configMap("marked", "pruned", Map.of());
        marked.put("metadata", Map.of("name", "marked", "namespace", "pruned", "annotations",
                Map.of(ObjectDeletion.FLUX_PRUNE, ObjectDeletion.DISABLED)));
        ReleaseOptions pruning = NOT_PRUNING.toBuilder().prune(true).build();
        ApplyReport installed = apply(kustomization(release, "pruned-1", pruning,
                namespace("pruned"), configMap("stays", "pruned", Map.of()), configMap("goes", "pruned", Map.of()),
                marked), List.of());
        assertThat(installed.outcome()).as(String.valueOf(installed.error())).isEqualTo(Outcome.Ready);

        ApplyReport upgraded = apply(kustomization(release, "pruned-2", pruning,
                namespace("pruned"), configMap("stays", "pruned", Map.of())), ReleaseApply.appliedObjects(installed));

        assertThat(upgraded.objects()).extracting(result -> result.object().name() + " " + result.action().wire())
                .containsExactlyInAnyOrder("pruned applied", "stays applied", "goes deleted", "marked kept");
        assertThat(client().configMaps().inNamespace("pruned").withName("marked").get()).isNotNull();
        assertThat(client().configMaps().inNamespace("pruned").withName("goes").get()).isNull();
    }

    @SafeVarargs
    private static ReleaseRendered kustomization(ReleaseKey release, String inputDigest, ReleaseOptions options,
            Map<String, Object>... objects) {
        return Renders.with(Renders.manifests(release, inputDigest, List.of(objects)), options).toBuilder()
                .format(ReleaseFormat.KUSTOMIZATION).build();
    }

    private static ApplyReport apply(ReleaseRendered rendered, List<ObjectRef> inventory) {
        return apply.apply(DesiredRelease.of(rendered), inventory,
                inventory.isEmpty() ? HookPhase.INSTALL : HookPhase.UPGRADE);
    }

    private static KubernetesClient client() {
        return simulated.client();
    }
}
