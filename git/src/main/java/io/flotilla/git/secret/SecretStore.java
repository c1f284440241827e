package io.flotilla.git.secret;

import java.util.Optional;

/** One place Secrets are kept: a folder of files, the cluster Flotilla runs in. */
public interface SecretStore extends AutoCloseable {

    /**
     * The Secret, if this store has it.
     *
     * @throws SecretsUnavailableException when the store cannot be read for now
     */
    Optional<SourceSecret> find(SecretRef ref);

    /** The store in messages: {@code the folder /etc/flotilla/source-secrets}. */
    String where();

    @Override
    default void close() {
    }
}
