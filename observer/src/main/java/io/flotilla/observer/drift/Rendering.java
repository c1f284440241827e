package io.flotilla.observer.drift;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.CompressedObjects;
import io.flotilla.events.DriftMode;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

/**
 * What drift needs of a rendering: its objects unless the release says {@code driftDetection.mode: disabled}. Every
 * other release is watched: Flux v1 and v2 HelmReleases and manifest folders alike, whether they name a mode or not.
 */
record Rendering(String inputDigest, ReleaseOptions options, CompressedObjects objects) {

    static Rendering of(ReleaseRendered release) {
        boolean disabled = release.options().driftDetection() == DriftMode.DISABLED;
        return new Rendering(release.inputDigest(), release.options(), disabled ? null : release.objects());
    }

    boolean disabled() {
        return objects == null;
    }

    /**
     * Whether {@code applied} applied this rendering: the applier reports the input digest of what it applied (an
     * applier that reports none applied the latest).
     */
    boolean renderedFor(ReleaseApplied applied) {
        return applied.inputDigest() == null || Objects.equals(inputDigest, applied.inputDigest());
    }

    /**
     * Each object {@code applied} applied without error, as this rendering has it: what its live object is compared
     * with.
     */
    Map<ObjectRef, JsonNode> appliedObjects(ReleaseApplied applied) {
        Map<ObjectRef, JsonNode> appliedObjects = new HashMap<>();
        List<Map<String, Object>> manifests = objects.objects();
        for (ObjectResult result : applied.objects()) {
            if (result.error() != null || result.object() == null) {
                continue;
            }
            ObjectRef ref = result.object();
            manifests.stream().filter(manifest -> ref.isRenderedAs(manifest, applied.release().namespace())).findFirst()
                    .ifPresent(manifest -> appliedObjects.put(ref, EventCodec.mapper().valueToTree(manifest)));
        }
        return appliedObjects;
    }
}
