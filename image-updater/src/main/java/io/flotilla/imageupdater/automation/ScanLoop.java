package io.flotilla.imageupdater.automation;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.flotilla.imageupdater.declaration.AutomatedImage;
import io.flotilla.imageupdater.declaration.Declarations;
import io.flotilla.imageupdater.registry.RegistryClients;
import io.flotilla.imageupdater.registry.RegistryException;
import io.flotilla.imageupdater.scan.ChosenTag;
import io.flotilla.imageupdater.scan.RepositoryScan;
import io.flotilla.imageupdater.scan.ScanKey;
import io.flotilla.imageupdater.scan.ScanSchedule;
import io.flotilla.imageupdater.signature.TagVerification;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the scans: one thread looks every {@code tick} (and at once when woken by new declarations or a registry
 * webhook) for repositories due in the {@link ScanSchedule}, and hands each to a pool of {@code threads}; a scan
 * lists the repository's tags once, lets each policy following it choose among the tags the {@link TagVerification}
 * lets run, and publishes what {@link FollowedImages} decides. A registry that fails is reported on its policies and
 * asked again after the schedule's backoff; a publish Kafka refuses is tried again at the next scan, since nothing
 * was recorded. Scans are counted as {@code flotilla_images_scans_total{outcome="scanned"|"failed"}}.
 */
public final class ScanLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScanLoop.class);

    private final FollowedImages images;
    private final ScanSchedule schedule;
    private final RegistryClients registries;
    private final TagVerification verification;
    private final TagTopic topic;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "image-scan-schedule"));
    private final ExecutorService scans;

    public ScanLoop(FollowedImages images, ScanSchedule schedule, RegistryClients registries,
            TagVerification verification, TagTopic topic, MeterRegistry metrics, Clock clock, int threads) {
        this.images = images;
        this.schedule = schedule;
        this.registries = registries;
        this.verification = verification;
        this.topic = topic;
        this.metrics = metrics;
        this.clock = clock;
        this.scans = Executors.newFixedThreadPool(threads, runnable -> daemon(runnable, "image-scan"));
    }

    /** Starts looking for due scans every {@code tick}. */
    public void start(Duration tick) {
        ticks.scheduleWithFixedDelay(this::startDueScans, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Follows what a commit declares now: decisions from earlier scans are published, new repositories scanned. */
    public void declarationsRead(Declarations declarations) {
        publish(images.accept(declarations, clock.instant()));
        schedule.follow(images.scanIntervals(), clock.instant());
        wake();
    }

    /** Commit {@code sha} of {@code branch} of {@code source} cannot be read, for {@code error}: shown until one is. */
    public void commitUnreadable(String source, String branch, String sha, String error) {
        images.unreadable(source, branch, sha, error);
    }

    /**
     * A registry says {@code registry/name} (registry null: any) received a push: the repositories followed under
     * that name are scanned at once. Returns them.
     */
    public List<ScanKey> pushed(String registry, String name) {
        List<ScanKey> keys = schedule.dueNow(images.scanKeysOf(registry, name)::contains, clock.instant());
        if (!keys.isEmpty()) {
            wake();
        }
        return keys;
    }

    private void wake() {
        ticks.execute(this::startDueScans);
    }

    private void startDueScans() {
        try {
            for (ScanKey key : schedule.takeDue(clock.instant())) {
                scans.execute(() -> scan(key));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot start the scans due");
        }
    }

    private void scan(ScanKey key) {
        try {
            RepositoryScan scan = RepositoryScan.of(registries.forSecret(key.secret()), key.repository(),
                    verification);
            Map<String, Optional<ChosenTag>> chosen = new HashMap<>();
            for (AutomatedImage image : images.following(key)) {
                chosen.put(image.policy().describe(), scan.choose(image.policy()));
            }
            List<Publication> publications = images.scanned(key, chosen, scan.skipped(), clock.instant());
            schedule.succeeded(key, clock.instant());
            metrics.counter("flotilla.images.scans", "outcome", "scanned").increment();
            publish(publications);
        } catch (RegistryException e) {
            fail(key, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "scan of %s failed", key);
            fail(key, key + ": the scan failed: " + e);
        }
    }

    private void fail(ScanKey key, String message) {
        metrics.counter("flotilla.images.scans", "outcome", "failed").increment();
        Duration pause = schedule.failed(key, clock.instant());
        String shown = message + "; scanned again in " + pause.toSeconds() + "s";
        images.failed(key, shown, clock.instant());
        LOG.warn(shown);
    }

    private void publish(List<Publication> publications) {
        for (Publication publication : publications) {
            try {
                String correlationId = topic.publish(publication.event());
                images.published(publication, correlationId, clock.instant());
                LOG.infof("%s:%s chosen by %s for %s, %d edit(s) published", publication.event().repository(),
                        publication.event().tag(), publication.event().policy(), publication.automation()
                                .replace('\n', ' '), publication.event().edits().size());
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot publish the tag found for %s; tried again at its next scan",
                        publication.automation().replace('\n', ' '));
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        scans.shutdownNow();
    }
}
