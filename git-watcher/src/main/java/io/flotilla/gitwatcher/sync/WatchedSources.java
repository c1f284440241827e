package io.flotilla.gitwatcher.sync;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.jgit.transport.UserAgent;
import org.jboss.logging.Logger;

import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.gitwatcher.lease.SourceChannel;
import io.flotilla.gitwatcher.lease.SourceLeases;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.position.SourcePositions;
import io.flotilla.gitwatcher.preview.BranchPreviews;
import io.flotilla.gitwatcher.preview.PreviewTopic;
import io.flotilla.gitwatcher.source.ConfiguredSources;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.source.RegisteredSources;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.source.SourceStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The sources being watched, each fetched when a poll or a webhook asks, by the one instance holding its lease
 * ({@link SourceLeases}). Every instance knows every source: those of the configuration, and those added through the
 * API, read from PostgreSQL at start, when another instance says on the {@link SourceChannel} that they changed, and
 * at every lease tick. A webhook that reaches an instance not holding its source is passed to the holder on the
 * channel. Fetches run on dedicated threads: Git work never blocks the event loop or the scheduler. Sources of one
 * repository share its mirror, which is packed on a thread of its own, beside its fetches, when fetches have left too
 * many old packs.
 */
@ApplicationScoped
public class WatchedSources implements SourceChannel.Listener {

    public static final String FROM_CONFIG = "config";
    public static final String FROM_API = "api";

    private static final Logger LOG = Logger.getLogger(WatchedSources.class);

    /** Longer than a fetch of a few new commits takes, shorter than the time a platform waits for a stop. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    /** How often the sources held are asked whether their poll interval has passed: each keeps an interval of its own. */
    private static final Duration POLL_TICK = Duration.ofSeconds(1);

    private final ExecutorService fetchThreads = Executors.newCachedThreadPool(new NamedThreads("git-fetch-"));
    private final ExecutorService packingThread = Executors.newSingleThreadExecutor(new NamedThreads("git-pack-"));
    private final ScheduledExecutorService leaseThread =
            Executors.newSingleThreadScheduledExecutor(new NamedThreads("git-lease-"));
    private final ScheduledExecutorService pollThread =
            Executors.newSingleThreadScheduledExecutor(new NamedThreads("git-poll-"));
    private final Map<String, WatchedSource> sources = new ConcurrentSkipListMap<>();
    private final Map<String, BareMirror> mirrors = new ConcurrentHashMap<>();
    private final Map<String, CoalescingTask> packings = new ConcurrentHashMap<>();
    private final Path workDir;
    private final SourcePositions positions;
    private final CommitTopic commits;
    private final RegisteredSources registered;
    private final MeterRegistry metrics;
    private final CommitCauses causes;
    private final SourceSecrets secrets;
    private final SourceLeases leases;
    private final SourceChannel channel;
    private final PreviewTopic previews;
    private final OutboundPolicy outbound;
    private String lastLeaseError;

    @Inject
    public WatchedSources(GitConfig config, SourcePositions positions, CommitTopic commits,
            RegisteredSources registered, MeterRegistry metrics, CommitCauses causes, SourceSecrets secrets,
            SourceLeases leases, SourceChannel channel, PreviewTopic previews, OutboundPolicy outbound) {
        this(ConfiguredSources.of(config), config.workDir(), positions, commits, registered, metrics, causes, secrets,
                leases, channel, previews, outbound);
    }

    /** Sources added through the API fetched without an outbound policy at the connection: for tests. */
    public WatchedSources(List<SourceDefinition> configured, Path workDir, SourcePositions positions,
            CommitTopic commits, RegisteredSources registered, MeterRegistry metrics, CommitCauses causes,
            SourceSecrets secrets, SourceLeases leases, SourceChannel channel, PreviewTopic previews) {
        this(configured, workDir, positions, commits, registered, metrics, causes, secrets, leases, channel, previews,
                OutboundPolicy.anywhere());
    }

    /**
     * @param configured the sources of the configuration, the same in every instance
     * @param workDir    where this instance keeps its mirrors
     * @param previews   where the branches sources preview when polled are asked for
     * @param outbound   where sources added through the API may be, checked again at each connection
     */
    /** What the git-watcher's requests to Git hosts are named by ({@code User-Agent}), before JGit's own name. */
    public static final String USER_AGENT_PREFIX = "flotilla-git-watcher/";

    public WatchedSources(List<SourceDefinition> configured, Path workDir, SourcePositions positions,
            CommitTopic commits, RegisteredSources registered, MeterRegistry metrics, CommitCauses causes,
            SourceSecrets secrets, SourceLeases leases, SourceChannel channel, PreviewTopic previews,
            OutboundPolicy outbound) {
        this.previews = previews;
        this.outbound = outbound;
        this.workDir = workDir;
        this.causes = causes;
        this.secrets = secrets;
        this.positions = positions;
        this.commits = commits;
        this.registered = registered;
        this.metrics = metrics;
        this.leases = leases;
        this.channel = channel;
        configured.forEach(definition -> watch(definition, FROM_CONFIG));
    }

    void onStart(@Observes StartupEvent start) {
        // A Git host's logs tell the git-watcher's fetches from the renderer's and the image-updater's by this name.
        if (!UserAgent.get().startsWith(USER_AGENT_PREFIX)) {
            UserAgent.set(USER_AGENT_PREFIX + UserAgent.get());
        }
        start();
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /**
     * Reads the sources added through the API and takes the leases this instance's share allows, before returning: a
     * single instance fetches every source at once, as soon as it starts. Then listens to the other instances, ticks
     * every {@link SourceLeases#renewInterval()}, and polls the sources it holds, each at its own interval (for Git
     * hosts that send no webhook or lose one).
     */
    public void start() {
        channel.listen(this, leaseThread);
        tick();
        long every = leases.renewInterval().toMillis();
        leaseThread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        pollThread.scheduleWithFixedDelay(this::pollDue, POLL_TICK.toMillis(), POLL_TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Watches a new source, keeps it across restarts, tells the other instances, and fetches it here, once: this
     * instance takes its lease.
     *
     * @throws SourceConflictException when its name, or its repository and branch, are watched already
     */
    public synchronized SourceStatus add(SourceDefinition definition) {
        WatchedSource added = watch(definition, FROM_API);
        try {
            registered.save(definition);
        } catch (RuntimeException e) {
            sources.remove(definition.id());
            added.stop();
            throw e;
        }
        if (leases.claim(definition.id())) {
            added.startHere();
        }
        channel.changed();
        return added.status(leases.owner(definition.id()).orElse(null));
    }

    /**
     * Stops watching a source added through the API, here at once and in the other instances as soon as they hear
     * of it (the one holding it stops fetching it).
     *
     * @return false when no such source is watched
     * @throws SourceConflictException when the source comes from the configuration
     */
    public synchronized boolean remove(String id) {
        WatchedSource source = sources.get(id);
        if (source == null) {
            return false;
        }
        if (!FROM_API.equals(source.origin())) {
            throw new SourceConflictException("source " + id
                    + " comes from the configuration (flotilla.git.*); remove it there");
        }
        registered.delete(id);
        forget(source);
        channel.changed();
        return true;
    }

    /**
     * Asks the named sources to fetch: here those this instance holds, the others through their holder. Returns at
     * once, without blocking: webhooks call it on the event loop.
     */
    public void fetch(Collection<String> ids) {
        ids.forEach(id -> {
            WatchedSource source = sources.get(id);
            if (source != null && leases.holds(id)) {
                source.requestFetch();
            } else if (source != null) {
                channel.askFetch(id);
            }
        });
    }

    /** Asks the sources this instance holds whose poll interval has passed to fetch; returns at once. */
    private void pollDue() {
        Instant now = Instant.now();
        sources.values().forEach(source -> source.pollIfDue(now));
    }

    @Override
    public void changed() {
        tick();
    }

    @Override
    public void fetchAsked(String id) {
        WatchedSource source = sources.get(id);
        if (source != null && leases.holds(id)) {
            source.requestFetch();
        }
    }

    /**
     * The source an Auto-release commit to {@code branch} of {@code repository} (named as the commits topic names it)
     * is pushed through: the one following that branch, else any source of the repository, whose credentials are
     * the repository's. Empty when no source watches the repository.
     */
    public Optional<SourceAccess> access(String repository, String branch) {
        List<WatchedSource> ofRepository = sources.values().stream()
                .filter(source -> source.definition().source().repository().equals(repository)).toList();
        return ofRepository.stream().filter(source -> branch != null && branch.equals(source.definition().source().branch()))
                .findFirst().or(() -> ofRepository.stream().findFirst()).map(WatchedSource::access);
    }

    /** The source named {@code id}, as it is watched, with its mirror and credentials; empty when none is. */
    public Optional<WatchedAccess> watched(String id) {
        return Optional.ofNullable(sources.get(id)).map(source -> new WatchedAccess(source.definition(),
                source.access()));
    }

    /** A watched source's definition, and its mirror and credentials. */
    public record WatchedAccess(SourceDefinition definition, SourceAccess access) {
    }

    public List<SourceDefinition> definitions() {
        return sources.values().stream().map(WatchedSource::definition).toList();
    }

    public List<SourceStatus> statuses() {
        return sources.values().stream().map(this::status).toList();
    }

    public Optional<SourceStatus> status(String id) {
        return Optional.ofNullable(sources.get(id)).map(this::status);
    }

    /**
     * Lets the fetches under way end before the service stops (Kafka and the database are still there at this
     * point): a commit they emitted gets its position stored, and is not emitted again after a restart. Then gives
     * every lease back and tells the other instances, which take them at once.
     */
    public void stop() {
        pollThread.shutdownNow();
        leaseThread.shutdown();
        fetchThreads.shutdown();
        packingThread.shutdown();
        try {
            leaseThread.awaitTermination(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
            if (!fetchThreads.awaitTermination(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warnf("fetches still running after %s are stopped: their commits are emitted again after a restart",
                        STOP_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetchThreads.shutdownNow();
        packingThread.shutdownNow();
        sources.values().forEach(WatchedSource::stop);
        mirrors.values().forEach(BareMirror::close);
        try {
            leases.leave();
            channel.changed();
        } catch (RuntimeException e) {
            LOG.warnf("could not give the leases back (%s): the other instances take them when they expire",
                    e.getMessage());
        }
        channel.close();
    }

    /**
     * Follows the sources added and removed through the API, then renews, gives back and takes leases. Runs on the
     * lease thread, and once at start; a database out of reach is said once and tried again at the next tick.
     */
    private synchronized void tick() {
        try {
            followRegistered();
            SourceLeases.Change change = leases.tick(sources.keySet());
            change.gained().forEach(id -> sources.get(id).takeOver(leases::aliveOther));
            change.giveBack().forEach(id -> sources.get(id).handOver(() -> release(id)));
            if (!change.gained().isEmpty() || !change.lost().isEmpty()) {
                LOG.infof("instance %s took %s, let go of %s", leases.instance(), change.gained(), change.lost());
            }
            if (lastLeaseError != null) {
                LOG.infof("instance %s: leases renewed again", leases.instance());
                lastLeaseError = null;
            }
        } catch (RuntimeException e) {
            String error = String.valueOf(e.getMessage());
            if (!error.equals(lastLeaseError)) {
                LOG.warnf(e, "instance %s could not renew its leases: %s; its sources are fetched again once it can,"
                        + " or by another instance once they expire", leases.instance(), error);
            }
            lastLeaseError = error;
        }
    }

    private void release(String id) {
        leases.release(id);
        channel.changed();
    }

    /** Watches the sources another instance added, forgets those removed. */
    private void followRegistered() {
        Map<String, SourceDefinition> stored = registered.all().stream()
                .collect(Collectors.toMap(SourceDefinition::id, definition -> definition));
        sources.values().stream()
                .filter(source -> FROM_API.equals(source.origin()))
                .filter(source -> !stored.containsKey(source.definition().id()))
                .toList().forEach(this::forget);
        stored.values().stream().filter(definition -> !sources.containsKey(definition.id())).forEach(definition -> {
            try {
                watch(definition, FROM_API);
            } catch (SourceConflictException e) {
                LOG.warnf("source %s, added through the API, is not watched: %s", definition.id(), e.getMessage());
            }
        });
    }

    /** Stops watching {@code source}: its fetch under way ends, its lease is given back, its mirror deleted if unused. */
    private void forget(WatchedSource source) {
        String id = source.definition().id();
        sources.remove(id);
        source.stop();
        if (leases.holds(id)) {
            leases.release(id);
        }
        forgetMirrorIfUnused(source.definition().source().repository());
        LOG.infof("stopped watching %s", source.definition().source());
    }

    private SourceStatus status(WatchedSource source) {
        return source.status(leases.owner(source.definition().id()).orElse(null));
    }

    /** A repository no source follows any more has its mirror deleted: it would never be fetched again. */
    private synchronized void forgetMirrorIfUnused(String repository) {
        if (sources.values().stream().noneMatch(other -> other.definition().source().repository().equals(repository))) {
            packings.remove(repository);
            BareMirror mirror = mirrors.remove(repository);
            if (mirror != null) {
                mirror.delete();
            }
        }
    }

    private synchronized WatchedSource watch(SourceDefinition definition, String origin) {
        if (sources.containsKey(definition.id())) {
            throw new SourceConflictException("a source named " + definition.id() + " is watched already");
        }
        sources.values().stream().map(WatchedSource::definition)
                .filter(other -> other.source().equals(definition.source()))
                .findFirst().ifPresent(other -> {
                    throw new SourceConflictException(definition.source() + " is watched already as source " + other.id());
                });
        BareMirror mirror = mirrors.computeIfAbsent(definition.source().repository(),
                repository -> BareMirror.open(repository, workDir,
                        FROM_API.equals(origin) ? outbound : OutboundPolicy.anywhere()));
        CoalescingTask packing = packings.computeIfAbsent(definition.source().repository(),
                repository -> new CoalescingTask("packing of the mirror of " + repository, () -> {
                    if (mirror.tidy()) {
                        LOG.debugf("packed the mirror of %s", repository);
                    }
                }, packingThread));
        String id = definition.id();
        WatchedSource source = new WatchedSource(
                new SourceSync(definition, mirror, positions, commits, causes, secrets, () -> leases.holds(id),
                        leases.instance(), FROM_API.equals(origin) ? registered.sealedAccess(definition) : null),
                origin,
                fetchThreads, metrics, packing::request, () -> leases.holds(id),
                new BranchPreviews(definition, previews, Clock.systemUTC()));
        sources.put(definition.id(), source);
        LOG.infof("watching %s as source %s, polling every %s%s", definition.source(), definition.id(),
                definition.pollInterval(), definition.paths().isEmpty() ? "" : ", paths " + definition.paths());
        return source;
    }

    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
