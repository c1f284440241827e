package io.flotilla.git.quarkus;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code flotilla.source-secrets.*}, the same keys for every service that fetches sources: where the Secrets that
 * sources name are read (a folder, the cluster Flotilla runs in), and the Secret of each Git repository whose
 * declaration names none (the watched repository, Flux v1's {@code chart.git}).
 */
@ConfigMapping(prefix = "flotilla.source-secrets")
public interface SourceSecretsConfig {

    /** A folder of Secrets, {@code <namespace>/<name>/<key>}, as Kubernetes mounts them. */
    Optional<Path> folder();

    /** Whether to read Secrets from the cluster Flotilla runs in. */
    @WithDefault("false")
    boolean homeCluster();

    /** That cluster's kubeconfig; unset: the pod's service account. */
    Optional<Path> homeKubeconfig();

    /** Git repositories and their Secret, by a name of the user's choosing. */
    Map<String, Repository> repositories();

    /** {@code flotilla.source-secrets.repositories.<name>.*}. */
    interface Repository {

        /** The repository, as Git fetches it (any spelling of it). */
        String url();

        /** Its Secret, {@code namespace/name}. */
        String secret();
    }
}
