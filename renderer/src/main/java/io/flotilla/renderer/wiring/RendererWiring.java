package io.flotilla.renderer.wiring;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.render.CommitRenderer;

/** The plain-Java renderer, configured from application.properties. */
@Singleton
public class RendererWiring {

    @Produces
    @Singleton
    ClusterCapabilities capabilities() {
        return new ClusterCapabilities();
    }

    @Produces
    @Singleton
    CommitRenderer commitRenderer(@ConfigProperty(name = "flotilla.renderer.work-dir") Path workDir,
            @ConfigProperty(name = "flotilla.clusters.kubeconfig") Path kubeconfig,
            @ConfigProperty(name = "flotilla.renderer.max-payload-bytes") int maxPayloadBytes,
            @ConfigProperty(name = "flotilla.renderer.render-threads") int renderThreads,
            @ConfigProperty(name = "flotilla.renderer.chart-cache-max-bytes") long chartCacheMaxBytes,
            @ConfigProperty(name = "flotilla.renderer.max-values-bytes") long maxValuesBytes,
            @ConfigProperty(name = "flotilla.renderer.render-timeout") Duration renderTimeout,
            ClusterCapabilities capabilities) {
        return new CommitRenderer(workDir, () -> KubeconfigClusters.read(kubeconfig), maxPayloadBytes,
                capabilities, renderThreads, chartCacheMaxBytes, maxValuesBytes, renderTimeout);
    }

    void close(@Disposes CommitRenderer renderer) {
        renderer.close();
    }
}
