package io.flotilla.renderer.release;

import io.flotilla.git.secret.SourceAuth;

/**
 * A chart stored as an OCI artifact in a container registry, as Helm pushes it: {@code oci://host/path/name}.
 *
 * @param reference the artifact's repository, {@code oci://host[:port]/path/name}
 * @param version   an exact tag or a semver range over the tags; empty for the latest; ignored when
 *                  {@code digest} is set
 * @param digest    the manifest digest ({@code sha256:...}) to take, null to go by tags
 * @param insecure  plain HTTP instead of HTTPS, as Flux's {@code spec.insecure}
 * @param username  for the registry's basic or token authentication, from a Secret committed to the repository;
 *                  null for none
 * @param auth      the Secrets the source names, read when the chart is fetched
 */
public record OciChart(String reference, String version, String digest, String field, boolean insecure,
        String username, String password, SourceAuth auth) implements ChartSource {

    public static final String SCHEME = "oci://";

    /** A chart of a source that names no Secret. */
    public OciChart(String reference, String version, String digest, String field, boolean insecure,
            String username, String password) {
        this(reference, version, digest, field, insecure, username, password, SourceAuth.NONE);
    }

    @Override
    public String toString() {
        // The password stays out of logs and messages.
        return "OciChart[" + reference + ", " + (digest == null ? version : digest) + "]";
    }
}
