package io.flotilla.observer.api;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.flotilla.observer.fleet.ClusterView;
import io.flotilla.observer.fleet.ClusterViews;
import io.flotilla.observer.fleet.LabelSelector;
import io.flotilla.observer.registry.ClusterAlreadyRegistered;
import io.flotilla.observer.registry.ClusterDefinedBySecret;
import io.flotilla.observer.registry.ClusterNotRegistered;
import io.flotilla.observer.registry.ClusterRegistry;
import io.flotilla.observer.registry.Registration;
import io.flotilla.observer.registry.RegistryStarting;
import io.flotilla.observer.trend.Trends;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/clusters}: the registered clusters with their latest state, registration, releases, bootstrap, waves
 * and held rollouts ({@code ?selector=env=prod,region=eu} chooses by labels), or one of them, or the versions one ran
 * over time ({@code GET /{name}/versions}, newest first: its upgrades); and the registry's
 * changes: register ({@code POST}), relabel ({@code PUT /{name}/labels}), remove ({@code DELETE /{name}}). No answer
 * carries credentials. A refusal says why, in plain text.
 */
@Path("/api/clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClustersResource {

    private final ClusterViews views;
    private final ClusterRegistry registry;
    private final Trends trends;

    public ClustersResource(ClusterViews views, ClusterRegistry registry, Trends trends) {
        this.views = views;
        this.registry = registry;
        this.trends = trends;
    }

    @GET
    public Uni<List<ClusterView>> list(@QueryParam("selector") String selector) {
        return views.matching(selector(selector));
    }

    @GET
    @Path("/{name}")
    public Uni<ClusterView> one(@PathParam("name") String name) {
        return views.named(name).map(view -> view.orElseThrow(() -> new NotFoundException(Answers.said(
                Response.Status.NOT_FOUND, "no cluster named '" + name + "' is registered"))));
    }

    @GET
    @Path("/{name}/versions")
    public Uni<List<Trends.Versions>> versions(@PathParam("name") String name) {
        return one(name).chain(cluster -> trends.versionsOf(name));
    }

    /**
     * A cluster to register: a context of a kubeconfig (its current one when {@code context} is left out), named
     * {@code name}, with {@code labels}.
     */
    public record NewCluster(String name, String kubeconfig, String context, Map<String, String> labels) {
    }

    /** 201 with the cluster; 400 naming what is wrong with its name, labels or kubeconfig; 409 if it is registered. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(NewCluster cluster) {
        if (cluster == null) {
            throw refused(Response.Status.BAD_REQUEST, "give {name, kubeconfig, context, labels}");
        }
        Registration registered = change(() -> registry.register(cluster.name(), cluster.kubeconfig(),
                cluster.context(), cluster.labels() == null ? Map.of() : cluster.labels()));
        return Response.status(Response.Status.CREATED).entity(registered).build();
    }

    /** The labels that replace a cluster's labels. */
    public record NewLabels(Map<String, String> labels) {
    }

    @PUT
    @Path("/{name}/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registration relabel(@PathParam("name") String name, NewLabels labels) {
        if (labels == null || labels.labels() == null) {
            throw refused(Response.Status.BAD_REQUEST, "give {labels: {key: value}}");
        }
        return change(() -> registry.relabel(name, labels.labels()));
    }

    /** 204: the cluster left; what was deployed there is uninstalled first only with {@code uninstall=true}. */
    @DELETE
    @Path("/{name}")
    public Response remove(@PathParam("name") String name,
            @QueryParam("uninstall") @DefaultValue("false") boolean uninstall) {
        change(() -> {
            registry.remove(name, uninstall);
            return null;
        });
        return Response.noContent().build();
    }

    private static LabelSelector selector(String selector) {
        try {
            return LabelSelector.parse(selector);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(Answers.said(Response.Status.BAD_REQUEST, e.getMessage()));
        }
    }

    /** The registry's refusals as answers that say why. */
    private static <T> T change(Supplier<T> change) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw refused(Response.Status.BAD_REQUEST, e.getMessage());
        } catch (ClusterAlreadyRegistered | ClusterDefinedBySecret e) {
            throw refused(Response.Status.CONFLICT, e.getMessage());
        } catch (ClusterNotRegistered e) {
            throw refused(Response.Status.NOT_FOUND, e.getMessage());
        } catch (RegistryStarting e) {
            throw new ServiceUnavailableException(Answers.said(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()));
        }
    }

    private static ClientErrorException refused(Response.Status status, String why) {
        return new ClientErrorException(Answers.said(status, why));
    }
}
