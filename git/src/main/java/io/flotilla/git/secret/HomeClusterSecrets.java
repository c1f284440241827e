package io.flotilla.git.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Secrets of the cluster Flotilla runs in, where Flux keeps them: read with a {@code get} each time a source is
 * fetched, so a rotated Secret is used at the next fetch. Flotilla's service account needs {@code get} on the
 * Secrets its sources name.
 */
public final class HomeClusterSecrets implements SecretStore {

    private static final int FORBIDDEN = 403;

    private final KubernetesClient client;

    private HomeClusterSecrets(KubernetesClient client) {
        this.client = client;
    }

    /** With the kubeconfig's current context, or with the pod's service account when {@code kubeconfig} is null. */
    public static HomeClusterSecrets connect(Path kubeconfig) {
        Config config;
        if (kubeconfig == null) {
            config = Config.autoConfigure(null);
        } else {
            try {
                config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig + " of the cluster Flotilla"
                        + " runs in: " + e.getMessage(), e);
            }
        }
        return new HomeClusterSecrets(new KubernetesClientBuilder().withConfig(config).build());
    }

    @Override
    public Optional<SourceSecret> find(SecretRef ref) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(ref.namespace()).withName(ref.name()).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == FORBIDDEN) {
                throw new SourceSecretException("Secret " + ref + ": " + where() + " refused to give it (HTTP 403):"
                        + " Flotilla's service account needs get on it");
            }
            throw new SecretsUnavailableException("Secret " + ref + ": " + where() + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, byte[]> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(new SourceSecret(ref, data, where()));
    }

    @Override
    public String where() {
        return "the cluster Flotilla runs in";
    }

    @Override
    public void close() {
        client.close();
    }
}
