package io.flotilla.applier;

import java.util.List;
import java.util.Map;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;

/** ReleaseRendered payloads as the renderer emits them. */
public final class Renders {

    private Renders() {
    }

    /** {@code rendered} as the renderer emits it for the commit at {@code commitOrder} on the commits topic. */
    public static ReleaseRendered ordered(ReleaseRendered rendered, long commitOrder) {
        return rendered.toBuilder().commitOrder(commitOrder).build();
    }

    public static ReleaseRendered chart(ReleaseKey release, String inputDigest, List<Map<String, Object>> objects) {
        return ReleaseRendered.builder().release(release).format(ReleaseFormat.FLUX_V2).repository("/repos/fleet")
                .sourceSha("sha-" + inputDigest).sourceFile(releaseFile(release)).chart(release.name(), "1.0.0")
                .chartDigest("chart-digest").valuesDigest("values-" + inputDigest).inputDigest(inputDigest)
                .objects(objects).build();
    }

    public static ReleaseRendered manifests(ReleaseKey release, String inputDigest, List<Map<String, Object>> objects) {
        return ReleaseRendered.builder().release(release).format(ReleaseFormat.MANIFESTS).repository("/repos/fleet")
                .sourceSha("sha-" + inputDigest).sourceFile(release.name().replace('-', '/')).inputDigest(inputDigest)
                .objects(objects).build();
    }

    public static ReleaseRendered failed(ReleaseKey release, String inputDigest, String error) {
        return ReleaseRendered.builder().release(release).format(ReleaseFormat.FLUX_V1).repository("/repos/fleet")
                .sourceSha("sha-" + inputDigest).sourceFile(releaseFile(release)).chart(release.name(), "1.0.0")
                .inputDigest(inputDigest).error(error).build();
    }

    /** The release rendered with {@code options} instead of the defaults. */
    public static ReleaseRendered with(ReleaseRendered rendered, ReleaseOptions options) {
        return rendered.toBuilder().options(options).build();
    }

    public static ReleaseRendered removed(ReleaseKey release) {
        return ReleaseRendered.builder().release(release).format(ReleaseFormat.FLUX_V2).repository("/repos/fleet")
                .sourceSha("sha-removed").sourceFile(releaseFile(release)).removed(true).build();
    }

    private static String releaseFile(ReleaseKey release) {
        return "releases/" + release.cluster() + "/" + release.name() + ".yaml";
    }
}
