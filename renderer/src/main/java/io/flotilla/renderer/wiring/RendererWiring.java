package io.flotilla.renderer.wiring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.renderer.preview.PreviewRenderer;
import io.flotilla.renderer.render.CommitRenderer;
import io.flotilla.renderer.render.SecretSealing;

/** The plain-Java renderer, configured from application.properties. */
@Singleton
public class RendererWiring {

    private static final Logger LOG = Logger.getLogger(RendererWiring.class);

    @Produces
    @Singleton
    ClusterCapabilities capabilities() {
        return new ClusterCapabilities();
    }

    /**
     * The fleet as the clusters topic says, seeded with the contexts of {@code flotilla.clusters.kubeconfig} when
     * that file is given and readable. Without a seal: the renderer never sees a cluster's credentials.
     */
    @Produces
    @Singleton
    Fleet fleet(@ConfigProperty(name = "flotilla.clusters.kubeconfig") Optional<Path> kubeconfig) {
        Fleet fleet = new Fleet(null);
        if (kubeconfig.isEmpty()) {
            LOG.info("no flotilla.clusters.kubeconfig: the fleet is what the clusters topic says");
        } else if (!Files.isReadable(kubeconfig.get())) {
            LOG.warnf("cannot read the kubeconfig %s (flotilla.clusters.kubeconfig): the fleet is what the clusters"
                    + " topic says", kubeconfig.get());
        } else {
            try {
                fleet.seed(KubeconfigClusters.registrations(kubeconfig.get(), Instant.now()));
            } catch (RuntimeException e) {
                // A kubeconfig the renderer cannot take must not keep it from the clusters the topic announces.
                LOG.warnf("cannot take the clusters of %s (flotilla.clusters.kubeconfig): %s", kubeconfig.get(),
                        e.getMessage());
            }
        }
        return fleet;
    }

    @ConfigProperty(name = "flotilla.renderer.work-dir")
    Path workDir;
    @ConfigProperty(name = "flotilla.renderer.max-payload-bytes")
    int maxPayloadBytes;
    @ConfigProperty(name = "flotilla.renderer.render-threads")
    int renderThreads;
    @ConfigProperty(name = "flotilla.renderer.preview-render-threads")
    int previewRenderThreads;
    @ConfigProperty(name = "flotilla.renderer.chart-cache-max-bytes")
    long chartCacheMaxBytes;
    @ConfigProperty(name = "flotilla.renderer.max-values-bytes")
    long maxValuesBytes;
    @ConfigProperty(name = "flotilla.renderer.render-timeout")
    Duration renderTimeout;
    @ConfigProperty(name = "flotilla.renderer.kustomize")
    Optional<String> kustomize;

    /**
     * Whether the data of rendered Secrets is sealed before it leaves the renderer; {@code false} only to measure what
     * sealing costs ({@code ./flotilla bench --security}), said at start as a warning.
     */
    @ConfigProperty(name = "flotilla.renderer.seal-secrets", defaultValue = "true")
    boolean sealSecrets;

    @Produces
    @Singleton
    CommitRenderer commitRenderer(ClusterCapabilities capabilities, Fleet fleet, GitCredentials credentials,
            OutboundPolicy outbound, KeyRing secretKeys) {
        if (!sealSecrets) {
            LOG.warn("SECRETS IN CLEAR (flotilla.renderer.seal-secrets=false): the data of rendered Secrets travels"
                    + " on Kafka and rests in PostgreSQL unsealed. For benchmarks only; remove the setting.");
        }
        return renderer(workDir, renderThreads, capabilities, fleet, credentials, outbound, secretKeys);
    }

    void close(@Disposes CommitRenderer renderer) {
        renderer.close();
    }

    /**
     * The renderer of previews: a {@link CommitRenderer} of its own, with its own clones, charts and Helm threads
     * under {@code <work-dir>/previews}, so that previews never wait for, nor touch the state of, the watched
     * branches' renders.
     */
    @Produces
    @Singleton
    PreviewRenderer previewRenderer(ClusterCapabilities capabilities, Fleet fleet, GitCredentials credentials,
            OutboundPolicy outbound, KeyRing secretKeys) {
        return new PreviewRenderer(renderer(workDir.resolve("previews"), previewRenderThreads, capabilities, fleet,
                credentials, outbound, secretKeys));
    }

    void close(@Disposes PreviewRenderer renderer) {
        renderer.close();
    }

    private CommitRenderer renderer(Path folder, int threads, ClusterCapabilities capabilities, Fleet fleet,
            GitCredentials credentials, OutboundPolicy outbound, KeyRing secretKeys) {
        return new CommitRenderer(folder, fleet::refs, maxPayloadBytes, capabilities, threads, chartCacheMaxBytes,
                maxValuesBytes, renderTimeout, Kustomize.find(kustomize),
                credentials.openingSealedAccessWith(() -> secretKeys), outbound,
                sealSecrets ? SecretSealing.with(secretKeys) : SecretSealing.none());
    }
}
