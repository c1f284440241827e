package io.flotilla.observer.delivery;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends requests to their destinations without making the caller wait: one lane (a bounded queue and a thread) per
 * destination, created with the first request for it.
 */
@ApplicationScoped
public class Deliveries {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final DeliveryRecords records = new DeliveryRecords();
    private final Map<String, DeliveryLane> lanes = new ConcurrentHashMap<>();

    /** Queues the request for its destination, tried as {@code retry} says. */
    public void send(OutboundRequest request, RetrySettings retry) {
        send(request, retry, () -> {
        });
    }

    /**
     * Queues the request for its destination, tried as {@code retry} says; {@code finished} runs on the destination's
     * own thread once it is delivered or given up (not when a newer request of the same key replaces it).
     */
    public void send(OutboundRequest request, RetrySettings retry, Runnable finished) {
        send(request, retry, answer -> finished.run());
    }

    /**
     * Queues the request for its destination, tried as {@code retry} says; {@code answered} runs on the destination's
     * own thread once it is delivered, with the body the destination answered (an id it gave what was created), or
     * given up, with null (not when a newer request of the same key replaces it).
     */
    public void send(OutboundRequest request, RetrySettings retry, Consumer<String> answered) {
        lanes.computeIfAbsent(request.destination(), destination -> new DeliveryLane(destination, retry, http,
                Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "delivery-" + destination);
                    thread.setDaemon(true);
                    return thread;
                }), records)).offer(request, answered);
    }

    /** The latest outcome of the most recent requests, newest first. */
    public List<DeliveryView> recent() {
        return records.recent();
    }

    @PreDestroy
    void stop() {
        lanes.values().forEach(DeliveryLane::shutdown);
    }
}
