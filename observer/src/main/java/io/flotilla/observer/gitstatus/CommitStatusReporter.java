package io.flotilla.observer.gitstatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.flotilla.observer.commit.CommitJourney;
import io.flotilla.observer.delivery.DashboardLinks;
import io.flotilla.observer.delivery.Deliveries;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.timeline.EventView;
import io.flotilla.observer.timeline.Timeline;
import io.flotilla.observer.timeline.TimelineEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Posts each commit's state on each cluster (or wave) to the Git hosts of its repository. It listens to the events the
 * observer keeps; the commits they are about are gathered for a short while ({@code settle}), then each one's journey
 * is read once and a status is sent for every scope whose state changed, as {@link SentStatuses} claims it: once
 * across restarts and instances. Posting is left to {@link Deliveries}: the intake never waits for a Git host. A
 * state claimed whose sending has not finished after {@code resend-after} (its instance stopped) is sent again.
 */
@ApplicationScoped
public class CommitStatusReporter {

    private static final Logger LOG = Logger.getLogger(CommitStatusReporter.class);
    private static final Set<String> JOURNEY_EVENTS = Set.of("CommitDetected", "ReleaseRendered", "ReleaseApplied");
    /** Commits waiting to be worked out at most; more wait for their next event. */
    private static final int SETTLING = 10_000;

    private final GitStatusSettings settings;
    private final EventStream stream;
    private final Timeline timeline;
    private final Deliveries deliveries;
    private final DashboardLinks links;
    private final SentStatuses sent;
    private final Set<String> settling = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "commit-statuses");
        thread.setDaemon(true);
        return thread;
    });

    public CommitStatusReporter(GitStatusSettings settings, EventStream stream, Timeline timeline,
            Deliveries deliveries, DashboardLinks links, SentStatuses sent) {
        this.settings = settings;
        this.stream = stream;
        this.timeline = timeline;
        this.deliveries = deliveries;
        this.links = links;
        this.sent = sent;
    }

    /** Listens before the Kafka channels deliver: an event kept before would not be seen. */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        if (settings.sources().isEmpty()) {
            return;
        }
        stream.keptHere().subscribe().with(this::seen, failure -> LOG.error("commit statuses: no more events", failure));
        long every = settings.settle().toMillis();
        worker.scheduleWithFixedDelay(this::report, every, every, TimeUnit.MILLISECONDS);
        long resend = settings.resendAfter().toMillis();
        worker.scheduleWithFixedDelay(this::resend, every, resend, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void seen(EventView event) {
        if (!JOURNEY_EVENTS.contains(event.type()) || settling.contains(event.correlationId())) {
            return;
        }
        if (settling.size() >= SETTLING) {
            LOG.warnf("commit statuses: %d commits wait already; %s %s waits for the commit's next event",
                    settling.size(), event.type(), event.id());
            return;
        }
        settling.add(event.correlationId());
    }

    private void report() {
        for (String correlationId : List.copyOf(settling)) {
            settling.remove(correlationId);
            try {
                report(VertxContextSupport.subscribeAndAwait(() -> timeline.journey(correlationId)));
            } catch (Throwable e) {
                LOG.warnf("commit statuses of journey %s: not worked out: %s", correlationId, e.getMessage());
                settling.add(correlationId);
            }
        }
    }

    private void report(List<TimelineEvent> events) {
        if (events.stream().noneMatch(event -> event.type.equals("CommitDetected"))) {
            return; // the commit is not kept yet: its own event brings the journey back
        }
        CommitJourney journey = CommitJourney.of(events);
        Map<String, GitStatusSettings.Source> sources = new LinkedHashMap<>();
        settings.sources().forEach((name, source) -> {
            if (source.repository().equals(journey.repository())) {
                sources.put(name, source);
            }
        });
        if (sources.isEmpty() || journey.sha() == null) {
            return;
        }
        for (StatusScope scope : StatusScope.of(journey, settings.per())) {
            CommitStatus status = new CommitStatus(journey.sha(), scope.name(),
                    settings.contextPrefix() + "/" + scope.name(), StatusVerdict.state(scope),
                    StatusVerdict.description(scope), links.journey(journey.sha()));
            sources.forEach((name, source) -> {
                if (sent.claim(name, status)) {
                    send(name, source, status);
                }
            });
        }
    }

    /**
     * Posts a status of a commit of {@code repository} (a preview's, of a commit not yet on the branch the fleet
     * follows) to every source of that repository, each state once as {@link SentStatuses} claims it, sent again
     * like the others when its sending did not finish.
     */
    public void post(String repository, CommitStatus status) {
        settings.sources().forEach((name, source) -> {
            if (source.repository().equals(repository) && sent.claim(name, status)) {
                send(name, source, status);
            }
        });
    }

    /** Sends again what was claimed and whose sending did not finish: its instance stopped, or its host is long down. */
    private void resend() {
        try {
            for (SentStatus waiting : sent.unfinished(Instant.now().minus(settings.resendAfter()))) {
                GitStatusSettings.Source source = settings.sources().get(waiting.source);
                if (source != null) {
                    send(waiting.source, source, waiting.status());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("commit statuses whose sending did not finish: not read: %s", e.getMessage());
        }
    }

    private void send(String name, GitStatusSettings.Source source, CommitStatus status) {
        deliveries.send(source.kind().api().request("git-status/" + name, source, status), settings.retry(),
                () -> sent.finished(name, status));
    }
}
