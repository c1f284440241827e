package io.flotilla.registrysecrets.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.registrysecrets.cluster.FleetCoverage;
import io.flotilla.registrysecrets.pullsecret.ClusterCoverage;

/**
 * {@code GET /api/pull-secrets}: per cluster, each pull secret ({@code ClusterPullSecret} or fleet seed) with its
 * namespaces covered out of the total, its seed's digest (never its value), the namespaces a rotation has not reached
 * yet ({@code stale}) and the errors; the namespaces opted out and those excluded by configuration; the last sync;
 * why the cluster could not be synced, if so; and where a removed pull secret's copies could not be removed yet.
 * While a sync runs, it shows where the sync has got to.
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
