package io.flotilla.applier;

import java.util.List;
import java.util.Map;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

/** ReleaseRendered payloads as the renderer emits them. */
public final class Renders {

    private Renders() {
    }

    public static ReleaseRendered chart(ReleaseKey release, String inputDigest, List<Map<String, Object>> objects) {
        return new ReleaseRendered(release, ReleaseFormat.FLUX_V2, "/repos/fleet", "sha-" + inputDigest,
                "releases/" + release.cluster() + "/" + release.name() + ".yaml", release.name(), "1.0.0",
                "chart-digest", "values-" + inputDigest, inputDigest, objects.size(), CompressedObjects.of(objects),
                null);
    }

    public static ReleaseRendered manifests(ReleaseKey release, String inputDigest, List<Map<String, Object>> objects) {
        return new ReleaseRendered(release, ReleaseFormat.MANIFESTS, "/repos/fleet", "sha-" + inputDigest,
                release.name().replace('-', '/'), null, null, null, null, inputDigest, objects.size(),
                CompressedObjects.of(objects), null);
    }

    public static ReleaseRendered failed(ReleaseKey release, String inputDigest, String error) {
        return new ReleaseRendered(release, ReleaseFormat.FLUX_V1, "/repos/fleet", "sha-" + inputDigest,
                "releases/" + release.cluster() + "/" + release.name() + ".yaml", release.name(), "1.0.0", null,
                null, inputDigest, 0, null, error);
    }

    /** The release rendered with {@code options} instead of the defaults. */
    public static ReleaseRendered with(ReleaseRendered rendered, ReleaseOptions options) {
        return new ReleaseRendered(rendered.release(), rendered.format(), rendered.repository(), rendered.sourceSha(),
                rendered.sourceFile(), rendered.chartName(), rendered.chartVersion(), rendered.chartDigest(),
                rendered.valuesDigest(), rendered.inputDigest(), rendered.objectCount(), rendered.objects(),
                rendered.error(), options, rendered.removed());
    }

    public static ReleaseRendered removed(ReleaseKey release) {
        return new ReleaseRendered(release, ReleaseFormat.FLUX_V2, "/repos/fleet", "sha-removed",
                "releases/" + release.cluster() + "/" + release.name() + ".yaml", null, null, null, null, null, 0, null,
                null, null, true);
    }
}
