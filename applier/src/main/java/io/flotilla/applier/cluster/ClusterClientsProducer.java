package io.flotilla.applier.cluster;

import java.time.Duration;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.flotilla.clusters.Fleet;
import io.vertx.core.Vertx;

/**
 * The fleet's clients for the service, sharing the service's Vert.x instead of starting their own, each cluster's
 * requests a second counted for every instance together.
 */
public class ClusterClientsProducer {

    @Produces
    @Singleton
    ClusterClients clusterClients(Fleet fleet,
            @ConfigProperty(name = "flotilla.clusters.connect-timeout", defaultValue = "5s") Duration connectTimeout,
            @ConfigProperty(name = "flotilla.clusters.request-timeout", defaultValue = "30s") Duration requestTimeout,
            @ConfigProperty(name = "flotilla.clusters.request-retries", defaultValue = "1") int requestRetries,
            @ConfigProperty(name = "flotilla.clusters.requests-per-second", defaultValue = "500") double requestsPerSecond,
            RequestBudget budget, Vertx vertx) {
        return new ClusterClients(fleet, new VertxHttpClientFactory(vertx),
                new ClientSettings(connectTimeout, requestTimeout, requestRetries, requestsPerSecond), budget);
    }

    void close(@Disposes ClusterClients clients) {
        clients.close();
    }
}
