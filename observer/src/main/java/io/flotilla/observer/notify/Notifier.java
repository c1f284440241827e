package io.flotilla.observer.notify;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * work.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);

    private final NotificationSettings settings;
    private final EventStream stream;
    private final Deliveries deliveries;
    private final DashboardLinks links;
    private final Fleet fleet;
    private final ReleaseConditions conditions = new ReleaseConditions();
    private final Map<String, ReceiverRule> rules = new LinkedHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "notifications");
        thread.setDaemon(true);
        return thread;
    });
    private final NotificationGroups groups;

    public Notifier(NotificationSettings settings, EventStream stream, Deliveries deliveries, DashboardLinks links,
            Fleet fleet) {
        this.settings = settings;
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
            stream.events().subscribe().with(this::seen, failure -> LOG.error("notifications: no more events", failure));
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void seen(EventView event) {
        try {
            for (FleetChange change : conditions.seen(event)) {
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
