package io.flotilla.events;

/**
 * The desired state of one release on one cluster at one commit. Either {@code objects} is set
 * (rendered) or {@code error} is (the release could not be rendered: the file, the object and the
 * reason); an error never carries objects, so the applier never acts on a half render.
 *
 * @param format      where the release came from: a HelmRelease of either Flux version, or a folder of plain objects
 * @param sourceFile  the file in the repository that declares the release
 * @param inputDigest chart digest, values digest, the target cluster's capabilities (Kubernetes version and API
 *                    versions), the release's identity and its options, hashed: the same digest means the same
 *                    objects applied the same way
 * @param options     what the release asks of the applier and observer (timeout, dependsOn, drift...)
 * @param removed     the release is gone from Git (or no longer targets this cluster): uninstall it; no
 *                    objects, no error
 */
public record ReleaseRendered(
        ReleaseKey release,
        ReleaseFormat format,
        String repository,
        String sourceSha,
        String sourceFile,
        String chartName,
        String chartVersion,
        String chartDigest,
        String valuesDigest,
        String inputDigest,
        int objectCount,
        CompressedObjects objects,
        String error,
        ReleaseOptions options,
        boolean removed) implements Event {

    public ReleaseRendered {
        options = options == null ? ReleaseOptions.DEFAULTS : options;
    }

    /** A rendered (or failed) release with Flux's default options. */
    public ReleaseRendered(ReleaseKey release, ReleaseFormat format, String repository, String sourceSha, String sourceFile,
            String chartName, String chartVersion, String chartDigest, String valuesDigest, String inputDigest,
            int objectCount, CompressedObjects objects, String error) {
        this(release, format, repository, sourceSha, sourceFile, chartName, chartVersion, chartDigest, valuesDigest,
                inputDigest, objectCount, objects, error, ReleaseOptions.DEFAULTS, false);
    }

    public boolean failed() {
        return error != null;
    }

    @Override
    public String key() {
        return release.toString();
    }
}
