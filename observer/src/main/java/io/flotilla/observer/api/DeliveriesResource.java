package io.flotilla.observer.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.flotilla.observer.delivery.Deliveries;
import io.flotilla.observer.delivery.DeliveryView;

/**
 * {@code GET /api/deliveries}: the latest commit statuses and notifications sent out, newest first, each with where it
 * stands (queued, retrying, delivered, failed, dropped), its tries and the last refusal.
 */
@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    private final Deliveries deliveries;

    public DeliveriesResource(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    public List<DeliveryView> recent() {
        return deliveries.recent();
    }
}
