package io.flotilla.observer.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.observer.cluster.InformerRetries;
import io.flotilla.observer.cluster.ObjectChanges;
import io.quarkus.runtime.StartupEvent;

/**
 * Where Flotilla runs in Kubernetes ({@code flotilla.clusters.secrets.enabled=true}): watches the Secrets labelled
 * {@code flotilla.io/secret-type=cluster} in {@code flotilla.clusters.secrets.namespace} of the home cluster (reached
 * through {@code flotilla.clusters.secrets.kubeconfig} when set, else fabric8's own configuration: in a pod, its
 * service account). A Secret added or changed registers its cluster; one deleted removes it, uninstalling nothing;
 * clusters whose Secret was deleted while the observer was away are removed once the Secrets are listed. A Secret
 * that says no usable cluster is logged with the reason, and nothing else changes.
 */
@ApplicationScoped
public class ClusterSecretWatch {

    private static final Logger LOG = Logger.getLogger(ClusterSecretWatch.class);

    private final ClusterRegistry registry;
    private final boolean enabled;
    private final Optional<String> namespace;
    private final Optional<Path> kubeconfig;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-secrets");
        thread.setDaemon(true);
        return thread;
    });
    private KubernetesClient client;
    private SharedIndexInformer<Secret> informer;

    public ClusterSecretWatch(ClusterRegistry registry,
            @ConfigProperty(name = "flotilla.clusters.secrets.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "flotilla.clusters.secrets.namespace") Optional<String> namespace,
            @ConfigProperty(name = "flotilla.clusters.secrets.kubeconfig") Optional<Path> kubeconfig) {
        this.registry = registry;
        this.enabled = enabled;
        this.namespace = namespace;
        this.kubeconfig = kubeconfig;
    }

    /** Once the registry has read its table, so a Secret never races the kubeconfig given at start. */
    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        starter.execute(() -> {
            try {
                registry.awaitStarted();
                watch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.errorf(e, "cluster Secrets are not watched: %s", e.getMessage());
            }
        });
    }

    private synchronized void watch() {
        client = new KubernetesClientBuilder().withConfig(homeCluster()).build();
        String watched = namespace.orElse(client.getNamespace());
        informer = client.secrets().inNamespace(watched)
                .withLabel(ClusterSecretReader.TYPE_LABEL, ClusterSecretReader.TYPE).runnableInformer(0);
        informer.addEventHandler(ObjectChanges.handler(this::seen, this::gone));
        // Off the event loop the first list completes on: the registry waits for its database.
        InformerRetries.onEveryFailure(informer).start().thenRunAsync(() -> {
            Set<String> defined = informer.getStore().list().stream().map(ClusterSecretReader::clusterName)
                    .collect(Collectors.toSet());
            try {
                registry.secretsListed(defined);
            } catch (RuntimeException e) {
                LOG.warnf(e, "clusters whose Secret was deleted meanwhile are not removed yet: %s", e.getMessage());
            }
        }, starter);
        LOG.infof("watching cluster Secrets (%s=%s) in namespace %s", ClusterSecretReader.TYPE_LABEL,
                ClusterSecretReader.TYPE, watched);
    }

    private Config homeCluster() {
        if (kubeconfig.isEmpty()) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(null, Files.readString(kubeconfig.get()), kubeconfig.get().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read flotilla.clusters.secrets.kubeconfig " + kubeconfig.get(), e);
        }
    }

    private void seen(Secret secret) {
        try {
            registry.fromSecret(ClusterSecretReader.read(secret, Instant.now().truncatedTo(ChronoUnit.MICROS)),
                    ClusterSecretReader.where(secret));
        } catch (RuntimeException e) {
            LOG.errorf("Secret %s: no cluster registered: %s", ClusterSecretReader.where(secret), e.getMessage());
        }
    }

    private void gone(Secret secret) {
        try {
            registry.secretGone(ClusterSecretReader.clusterName(secret), ClusterSecretReader.where(secret));
        } catch (RuntimeException e) {
            LOG.errorf("Secret %s was deleted, its cluster is not removed: %s", ClusterSecretReader.where(secret),
                    e.getMessage());
        }
    }

    @PreDestroy
    synchronized void stop() {
        starter.shutdownNow();
        if (informer != null) {
            informer.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
