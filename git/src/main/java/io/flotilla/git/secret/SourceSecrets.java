package io.flotilla.git.secret;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every place a source's Secret may be kept, asked in order: the folder of the configuration first, then the
 * cluster Flotilla runs in. Flux's {@code secretRef}s and Flotilla's own settings name Secrets the same way
 * ({@link SecretRef}), so credentials never need to be committed to Git.
 */
public final class SourceSecrets implements AutoCloseable {

    private final List<SecretStore> stores;

    public SourceSecrets(List<SecretStore> stores) {
        this.stores = List.copyOf(stores);
    }

    /** No store: every Secret named is missing. */
    public static SourceSecrets none() {
        return new SourceSecrets(List.of());
    }

    /**
     * @param folder      a folder of Secrets ({@link SecretFolder}), null for none
     * @param homeCluster whether to read the cluster Flotilla runs in
     * @param kubeconfig  that cluster's kubeconfig; null: the pod's service account
     */
    public static SourceSecrets configured(Path folder, boolean homeCluster, Path kubeconfig) {
        List<SecretStore> stores = new ArrayList<>();
        if (folder != null) {
            stores.add(new SecretFolder(folder));
        }
        if (homeCluster) {
            stores.add(HomeClusterSecrets.connect(kubeconfig));
        }
        return new SourceSecrets(stores);
    }

    /**
     * The Secret, from the first store that has it.
     *
     * @throws SecretsUnavailableException when a store asked cannot be read for now
     */
    public Optional<SourceSecret> find(SecretRef ref) {
        for (SecretStore store : stores) {
            Optional<SourceSecret> secret = store.find(ref);
            if (secret.isPresent()) {
                return secret;
            }
        }
        return Optional.empty();
    }

    /**
     * The Secret {@code usedBy} (a source, in messages) names.
     *
     * @throws SourceSecretException naming the source, the Secret and where it was looked for, when no store has it
     */
    public SourceSecret require(SecretRef ref, String usedBy) {
        return find(ref).orElseThrow(() -> new SourceSecretException(usedBy + ": Secret " + ref + " is not in "
                + where()));
    }

    /** Where Secrets are looked for, in messages. */
    public String where() {
        return stores.isEmpty() ? "any place Flotilla reads Secrets from (set flotilla.source-secrets.folder or"
                + " flotilla.source-secrets.home-cluster)"
                : stores.stream().map(SecretStore::where).collect(Collectors.joining(" nor "));
    }

    @Override
    public void close() {
        stores.forEach(SecretStore::close);
    }
}
