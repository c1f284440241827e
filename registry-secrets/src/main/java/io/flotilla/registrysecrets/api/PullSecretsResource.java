package io.flotilla.registrysecrets.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.registrysecrets.cluster.FleetCoverage;
import io.flotilla.registrysecrets.pullsecret.ClusterCoverage;

/**
 * {@code GET /api/pull-secrets}: per cluster, each {@code ClusterPullSecret} with its namespaces covered out of the
 * total, those opted out and those excluded by configuration, its seed's digest (never its value), the last sync
 * and the errors; and the namespaces where a removed {@code ClusterPullSecret}'s copies could not be removed yet.
 */
@Path("/api/pull-secrets")
public class PullSecretsResource {

    private final FleetCoverage coverage;

    public PullSecretsResource(FleetCoverage coverage) {
        this.coverage = coverage;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<ClusterCoverage> clusters() {
        return coverage.clusters();
    }
}
