package io.flotilla.observer.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.observer.delivery.DashboardLinks;
import io.flotilla.observer.delivery.Deliveries;
import io.flotilla.observer.delivery.OutboundRequest;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.timeline.EventView;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells the receivers of the changes in the events the observer keeps: each change goes to every receiver whose rules
 * admit it, is grouped with the changes of its commit, and the group is sent through {@link Deliveries} when its
 * window closes. A receiver whose settings cannot be read is left out, with an error naming the setting; the others
 * work. Events are read on a thread of their own, in the order they come, since telling a change asks the database
 * ({@link ConditionStore}); the intake never waits for it.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    /** The events a change can come from; the others are not read. */
    private static final Set<String> TOLD_FROM = Set.of("ReleaseApplied", "ReleaseReconciled", "DriftFound",
            "RolloutHeld");
    /** Tries of an event whose conditions the database does not answer for, 1 s, 2 s, 4 s... apart. */
    private static final int STORE_ATTEMPTS = 6;

    private final NotificationSettings settings;
    private final EventStream stream;
    private final Deliveries deliveries;
    private final DashboardLinks links;
    private final Fleet fleet;
    private final ReleaseConditions conditions;
    private final Map<String, ReceiverRule> rules = new LinkedHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "notifications");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "notification-conditions");
        thread.setDaemon(true);
        return thread;
    });
    private final NotificationGroups groups;

    public Notifier(NotificationSettings settings, EventStream stream, Deliveries deliveries, DashboardLinks links,
            Fleet fleet, ConditionStore store) {
        this.settings = settings;
        this.conditions = new ReleaseConditions(store);
        this.stream = stream;
        this.deliveries = deliveries;
        this.links = links;
        this.fleet = fleet;
        this.groups = new NotificationGroups(settings.window(), timer, this::send);
    }

    /** Listens before the Kafka channels deliver: an event kept before would not be seen. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        settings.receivers().forEach((name, receiver) -> {
            try {
                rules.put(name, ReceiverRule.of(name, receiver));
            } catch (IllegalArgumentException e) {
                LOG.errorf("notifications: receiver %s is left out: %s", name, e.getMessage());
            }
        });
        if (!rules.isEmpty()) {
            stream.keptHere().subscribe().with(this::seen, failure -> LOG.error("notifications: no more events", failure));
        }
    }

    @PreDestroy
    void stop() {
        reader.shutdownNow();
        timer.shutdownNow();
    }

    private void seen(EventView event) {
        if (TOLD_FROM.contains(event.type())) {
            reader.execute(() -> read(event));
        }
    }

    private void read(EventView event) {
        try {
            for (FleetChange change : changesOf(event)) {
                rules.forEach((receiver, rule) -> {
                    if (rule.admits(change, this::labels)) {
                        groups.add(receiver, change);
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "notifications: %s %s not told of", event.type(), event.id());
        }
    }

    /** The event's changes, the database asked again after a pause while it does not answer. */
    private List<FleetChange> changesOf(EventView event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return conditions.seen(event);
            } catch (ConditionStore.ConditionStoreException e) {
                if (attempt >= STORE_ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("notifications: %s %s: %s; trying again", event.type(), event.id(), e.getMessage());
                try {
                    Thread.sleep(1000L << (attempt - 1));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
    }

    private Map<String, String> labels(String cluster) {
        return fleet.get(cluster).map(RegisteredCluster::labels).orElse(Map.of());
    }

    private void send(Notification notification) {
        NotificationSettings.Receiver receiver = settings.receivers().get(notification.receiver());
        String sha = notification.sha();
        String link = sha != null ? links.journey(sha) : links.release(notification.changes().get(0).release());
        deliveries.send(new OutboundRequest("notifications/" + notification.receiver(),
                notification.correlationId() + "#" + sent.incrementAndGet(), notification.headline(), receiver.url(),
                Map.of(), receiver.kind().format().body(notification, link)), settings.retry());
    }
}
