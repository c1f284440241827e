package io.flotilla.imageupdater.automation;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import io.flotilla.imageupdater.share.PushNotices;
import io.flotilla.imageupdater.share.ScanShare;
import io.flotilla.imageupdater.signature.TagVerification;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the scans: one thread looks every {@code tick} (and at once when woken by new declarations or a registry
 * webhook) for repositories due in the {@link ScanSchedule}, and hands each to a pool of {@code threads}; a scan
 * lists the repository's tags once, lets each policy following it choose among the tags the {@link TagVerification}
 * lets run, and publishes what {@link FollowedImages} decides. A registry that fails is reported on its policies and
 * asked again after the schedule's backoff; a publish Kafka refuses is tried again at the next scan, since nothing
 * was recorded. Scans are counted as {@code flotilla_images_scans_total{outcome="scanned"|"failed"}}.
 *
 * <p>Several instances split the repositories ({@link ScanShare}): each follows every declaration, but schedules,
 * scans and publishes only the repositories it owns. One gained is scanned at once; one lost is no longer scheduled,
 * and what this instance knew of its scans and publications is forgotten, so that it is decided afresh (and its
 * current choice published again, as after a start) if it comes back. A registry webhook for a repository another
 * instance owns is passed on to it ({@link PushNotices}). The repositories owned are counted as
 * {@code flotilla_images_repositories_owned}.
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
    private final ScanShare share;
    private final PushNotices notices;
    /** The repositories scheduled here: followed, and owned. */
    private final Set<ScanKey> owned = new HashSet<>();

    public ScanLoop(FollowedImages images, ScanSchedule schedule, RegistryClients registries,
            TagVerification verification, TagTopic topic, MeterRegistry metrics, Clock clock, int threads,
            ScanShare share, PushNotices notices) {
        this.images = images;
        this.schedule = schedule;
        this.registries = registries;
        this.verification = verification;
        this.topic = topic;
        this.metrics = metrics;
        this.clock = clock;
        this.scans = Executors.newFixedThreadPool(threads, runnable -> daemon(runnable, "image-scan"));
        this.share = share;
        this.notices = notices;
        metrics.gauge("flotilla.images.repositories.owned", owned, ScanLoop::size);
    }

    /**
     * Starts looking for due scans every {@code tick}, takes its part of the repositories as the share gives it, and
     * listens for webhooks passed on by the other instances.
     */
    public void start(Duration tick) {
        ticks.scheduleWithFixedDelay(this::startDueScans, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        share.join(() -> ticks.execute(this::takeShare));
        notices.listen(this::scanOwnedNow);
    }

    /** The repositories this instance scans now. */
    public synchronized Set<ScanKey> owned() {
        return Set.copyOf(owned);
    }

    private static int size(Set<ScanKey> keys) {
        synchronized (keys) {
            return keys.size();
        }
    }

    /** What the share gives this instance now: repositories gained are scanned at once, those lost forgotten. */
    private void takeShare() {
        Set<ScanKey> before = owned();
        followOwned();
        Set<ScanKey> now = owned();
        for (ScanKey key : now) {
            if (!before.contains(key)) {
                LOG.infof("image repository %s: scanned by this instance now (share %s)", key, share.group());
            }
        }
        for (ScanKey key : before) {
            if (!now.contains(key)) {
                LOG.infof("image repository %s: scanned by another instance now (share %s)", key, share.group());
            }
        }
        LOG.infof("image repositories: this instance scans %d of %d followed (partitions %s of the images topic)",
                now.size(), images.scanIntervals().size(), share.partitions());
        startDueScans();
    }

    /** Schedules the repositories followed and owned; forgets what it knew of those no longer owned. */
    private synchronized void followOwned() {
        Map<ScanKey, Duration> intervals = new HashMap<>(images.scanIntervals());
        intervals.keySet().removeIf(key -> !share.owns(key));
        Set<ScanKey> lost = new HashSet<>(owned);
        lost.removeAll(intervals.keySet());
        images.forget(lost);
        schedule.follow(intervals, clock.instant());
        synchronized (owned) {
            owned.clear();
            owned.addAll(intervals.keySet());
        }
    }

    /** Follows what a commit declares now: decisions from earlier scans are published, new repositories scanned. */
    public void declarationsRead(Declarations declarations) {
        publish(images.accept(declarations, clock.instant()));
        followOwned();
        wake();
    }

    /** Commit {@code sha} of {@code branch} of {@code source} cannot be read, for {@code error}: shown until one is. */
    public void commitUnreadable(String source, String branch, String sha, String error) {
        images.unreadable(source, branch, sha, error);
    }

    /** What became of a push a registry told this instance of. */
    public record Pushed(List<ScanKey> scanning, List<ScanKey> passedOn) {
    }

    /**
     * A registry says {@code registry/name} (registry null: any) received a push: the repositories followed under
     * that name are scanned at once, here if this instance owns them, else by their owner, whom it is passed on to.
     */
    public Pushed pushed(String registry, String name) {
        List<ScanKey> passedOn = images.scanKeysOf(registry, name).stream().filter(key -> !share.owns(key)).toList();
        if (!passedOn.isEmpty()) {
            notices.tell(registry, name);
        }
        return new Pushed(scanOwnedNow(registry, name), passedOn);
    }

    /** The repositories this instance owns under {@code registry/name} are scanned at once. Returns them. */
    private List<ScanKey> scanOwnedNow(String registry, String name) {
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
            if (!share.owns(key)) {
                // Handed over during the scan: its new owner scans it and decides.
                schedule.succeeded(key, clock.instant());
                return;
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
        share.close();
        notices.close();
        ticks.shutdownNow();
        scans.shutdownNow();
    }
}
