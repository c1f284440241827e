package io.flotilla.events;

/**
 * The desired state of one release on one cluster at one commit. Either {@code objects} is set
 * (rendered) or {@code error} is (the release could not be rendered: the file, the object and the
 * reason); an error never carries objects, so the applier never acts on a half render.
 *
 * @param format      where the release came from: {@code helm.fluxcd.io/v1},
 *                    {@code helm.toolkit.fluxcd.io/v2} or {@code manifests} for a folder of plain objects
 * @param sourceFile  the file in the repository that declares the release
 * @param inputDigest chart digest, values digest, target cluster and release identity, hashed:
 *                    the same digest means the same objects
 */
public record ReleaseRendered(
        ReleaseKey release,
        String format,
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
        String error) implements Event {

    public static final String FORMAT_MANIFESTS = "manifests";

    public boolean failed() {
        return error != null;
    }

    @Override
    public String key() {
        return release.toString();
    }
}
