package io.flotilla.observer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

class RenderingsTest {

    static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    static final ObjectRef CONFIG = new ObjectRef("v1", "ConfigMap", "apps", "web");

    final Map<ReleaseKey, Rendering> kept = new HashMap<>();
    final Renderings renderings = new Renderings(key -> Optional.ofNullable(kept.get(key)));

    @Test
    void anAppliedRevisionIsPairedWithTheRenderingOfItsInputDigest() {
        assertThat(renderings.rendered(rendered("input-1", DriftMode.WARN))).isEmpty();

        assertThat(renderings.renderingOf(applied("input-1"))).get().extracting(Rendering::inputDigest)
                .isEqualTo("input-1");
    }

    @Test
    void anAppliedRevisionThatComesBeforeItsRenderingIsFollowedWhenItComes() {
        AppliedEvent early = applied("input-2");
        renderings.rendered(rendered("input-1", DriftMode.WARN));

        assertThat(renderings.renderingOf(early)).isEmpty();
        assertThat(renderings.rendered(rendered("input-2", DriftMode.WARN))).contains(early);
        assertThat(renderings.rendered(rendered("input-2", DriftMode.WARN))).as("followed once").isEmpty();
    }

    @Test
    void anAppliedRevisionWhoseRenderingWasReadElsewhereIsPairedWithItsKeptRendering() {
        kept.put(WEB, Rendering.of(rendered("input-1", DriftMode.WARN)));

        assertThat(renderings.renderingOf(applied("input-2"))).as("another rendering kept").isEmpty();
        assertThat(renderings.renderingOf(applied("input-1"))).get().extracting(Rendering::inputDigest)
                .isEqualTo("input-1");
        // The one that waited still waits for its own.
        assertThat(renderings.rendered(rendered("input-2", DriftMode.WARN))).isPresent();
    }

    @Test
    void anAppliedRevisionWithoutInputDigestAppliedTheLatestRendering() {
        renderings.rendered(rendered("input-1", DriftMode.WARN));

        assertThat(renderings.renderingOf(applied(null))).isPresent();
    }

    @Test
    void aReleaseRemovedOrUninstalledLeavesNothingWaiting() {
        renderings.renderingOf(applied("input-1"));
        renderings.removed(WEB);
        assertThat(renderings.rendered(rendered("input-1", DriftMode.WARN))).isEmpty();

        renderings.renderingOf(applied("input-2"));
        renderings.uninstalled(WEB);
        assertThat(renderings.rendered(rendered("input-2", DriftMode.WARN))).isEmpty();
    }

    @Test
    void appliedEventsWaitingForARenderingThatNeverComesAreBounded() {
        AppliedEvent eldest = applied("input-0");
        renderings.renderingOf(eldest);
        for (int i = 1; i <= Renderings.WAITING_KEPT; i++) {
            renderings.renderingOf(appliedTo(new ReleaseKey("dev", "apps", "web-" + i), "input-0"));
        }

        assertThat(renderings.rendered(rendered("input-0", DriftMode.WARN))).as("the eldest let go").isEmpty();
    }

    @Test
    void aRenderingWithDetectionDisabledKeepsNoObjects() {
        renderings.rendered(rendered("input-1", DriftMode.DISABLED));

        assertThat(renderings.renderingOf(applied("input-1"))).get().satisfies(rendering -> {
            assertThat(rendering.disabled()).isTrue();
            assertThat(rendering.objects()).isNull();
        });
    }

    @Test
    void aReleaseOfAnyFormatThatSaysNothingOfDriftIsWatched() {
        for (ReleaseFormat format : ReleaseFormat.values()) {
            Rendering rendering = Rendering.of(rendered("input-1", null).toBuilder().format(format).build());

            assertThat(rendering.disabled()).as(format.wire()).isFalse();
            assertThat(rendering.objects()).as(format.wire()).isNotNull();
        }
    }

    @Test
    void eachObjectAppliedWithoutErrorIsComparedWithItsManifestInTheReleaseNamespace() {
        ObjectRef role = new ObjectRef("rbac.authorization.k8s.io/v1", "ClusterRole", null, "web");
        ObjectRef failed = new ObjectRef("apps/v1", "Deployment", "apps", "web");
        Map<String, Object> configMap = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "web"), "data", Map.of("greeting", "hello"));
        Map<String, Object> clusterRole = Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "ClusterRole",
                "metadata", Map.of("name", "web"));
        Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "web"));
        Rendering rendering = Rendering.of(rendered("input-1", DriftMode.WARN).toBuilder()
                .objects(List.of(configMap, clusterRole, deployment)).build());

        ReleaseApplied applied = applied("input-1").payload().toBuilder().objects(List.of(ObjectResult.applied(CONFIG),
                ObjectResult.applied(role), ObjectResult.failed(failed, "admission webhook denied it"))).build();

        assertThat(rendering.appliedObjects(applied)).containsOnlyKeys(CONFIG, role)
                .hasEntrySatisfying(CONFIG, manifest -> assertThat(manifest.path("data").path("greeting").asText())
                        .isEqualTo("hello"));
    }

    static ReleaseRendered rendered(String inputDigest, DriftMode mode) {
        return ReleaseRendered.builder().release(WEB).chart("web", "1.0.0").inputDigest(inputDigest)
                .objects(List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "web"))))
                .options(ReleaseOptions.builder().driftDetection(mode).build()).build();
    }

    static AppliedEvent applied(String inputDigest) {
        return appliedTo(WEB, inputDigest);
    }

    private static AppliedEvent appliedTo(ReleaseKey release, String inputDigest) {
        return new AppliedEvent(Envelope.first("applier", ReleaseApplied.builder().release(release).revision(1)
                .outcome(Outcome.Ready).inputDigest(inputDigest).objects(List.of(ObjectResult.applied(CONFIG)))
                .build()), null);
    }
}
