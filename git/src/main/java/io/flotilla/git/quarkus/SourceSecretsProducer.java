package io.flotilla.git.quarkus;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flotilla.git.GitCredentials;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecrets;

/**
 * The one {@link SourceSecrets} and {@link GitCredentials} of a service, from {@link SourceSecretsConfig}: every
 * service that fetches sources (git-watcher, renderer, image-updater) reads Secrets from the same places and
 * fetches a repository with the same Secret.
 */
@Singleton
public class SourceSecretsProducer {

    private static final Logger LOG = Logger.getLogger(SourceSecretsProducer.class);

    @Produces
    @Singleton
    SourceSecrets secrets(SourceSecretsConfig config) {
        SourceSecrets secrets = SourceSecrets.configured(config.folder().orElse(null), config.homeCluster(),
                config.homeKubeconfig().orElse(null));
        LOG.infof("the Secrets sources name are read from %s", secrets.where());
        return secrets;
    }

    void close(@Disposes SourceSecrets secrets) {
        secrets.close();
    }

    /** @throws IllegalArgumentException naming the setting whose Secret is not {@code namespace/name} */
    @Produces
    @Singleton
    GitCredentials credentials(SourceSecretsConfig config, SourceSecrets secrets) {
        Map<String, SecretRef> byRepository = new HashMap<>();
        config.repositories().forEach((name, repository) -> {
            try {
                byRepository.put(repository.url(), SecretRef.parse(repository.secret()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("flotilla.source-secrets.repositories." + name + ".secret: "
                        + e.getMessage(), e);
            }
        });
        LOG.infof("%d Git repositories have a Secret configured (flotilla.source-secrets.repositories)",
                byRepository.size());
        return new GitCredentials(secrets, byRepository);
    }
}
