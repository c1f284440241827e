package io.flotilla.gitwatcher.sync;

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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.position.SourcePositions;
import io.flotilla.gitwatcher.source.ConfiguredSources;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.source.RegisteredSources;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.source.SourceStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The sources being watched, each fetched when a poll or a webhook asks. Fetches run on dedicated
 * threads: Git work never blocks the event loop or the scheduler. Sources of one repository share its
 * mirror, which is packed on a thread of its own, beside its fetches, when fetches have left too many old packs.
 */
@ApplicationScoped
public class WatchedSources {

    public static final String FROM_CONFIG = "config";
    public static final String FROM_API = "api";

    private static final Logger LOG = Logger.getLogger(WatchedSources.class);

    /** Longer than a fetch of a few new commits takes, shorter than the time a platform waits for a stop. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final ExecutorService fetchThreads = Executors.newCachedThreadPool(new NamedThreads("git-fetch-"));
    private final ExecutorService packingThread = Executors.newSingleThreadExecutor(new NamedThreads("git-pack-"));
    private final Map<String, WatchedSource> sources = new ConcurrentSkipListMap<>();
    private final Map<String, BareMirror> mirrors = new ConcurrentHashMap<>();
    private final Map<String, CoalescingTask> packings = new ConcurrentHashMap<>();
    private final GitConfig config;
    private final SourcePositions positions;
    private final CommitTopic commits;
    private final RegisteredSources registered;
    private final MeterRegistry metrics;
    private final CommitCauses causes;
    private final SourceSecrets secrets;

    public WatchedSources(GitConfig config, SourcePositions positions, CommitTopic commits,
            RegisteredSources registered, MeterRegistry metrics, CommitCauses causes, SourceSecrets secrets) {
        this.causes = causes;
        this.secrets = secrets;
        this.config = config;
        this.positions = positions;
        this.commits = commits;
        this.registered = registered;
        this.metrics = metrics;
        ConfiguredSources.of(config).forEach(definition -> watch(definition, FROM_CONFIG));
    }

    void loadRegistered(@Observes StartupEvent start) {
        registered.all().forEach(definition -> watch(definition, FROM_API));
    }

    /**
     * Watches a new source and keeps it across restarts.
     *
     * @throws SourceConflictException when its name, or its repository and branch, are watched already
     */
    public SourceStatus add(SourceDefinition definition) {
        WatchedSource added = watch(definition, FROM_API);
        try {
            registered.save(definition);
        } catch (RuntimeException e) {
            sources.remove(definition.id());
            throw e;
        }
        added.requestFetch();
        return added.status();
    }

    /**
     * Stops watching a source added through the API.
     *
     * @return false when no such source is watched
     * @throws SourceConflictException when the source comes from the configuration
     */
    public boolean remove(String id) {
        WatchedSource source = sources.get(id);
        if (source == null) {
            return false;
        }
        if (!FROM_API.equals(source.origin())) {
            throw new SourceConflictException("source " + id
                    + " comes from the configuration (flotilla.git.*); remove it there");
        }
        registered.delete(id);
        sources.remove(id);
        source.stop();
        forgetMirrorIfUnused(source.definition().source().repository());
        LOG.infof("stopped watching %s", source.definition().source());
        return true;
    }

    /** Asks the named sources to fetch; returns at once. */
    public void fetch(Collection<String> ids) {
        ids.stream().map(sources::get).filter(source -> source != null).forEach(WatchedSource::requestFetch);
    }

    /** Asks the sources whose poll interval has passed to fetch; returns at once. */
    public void pollDue() {
        Instant now = Instant.now();
        sources.values().forEach(source -> source.pollIfDue(now));
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

    public List<SourceDefinition> definitions() {
        return sources.values().stream().map(WatchedSource::definition).toList();
    }

    public List<SourceStatus> statuses() {
        return sources.values().stream().map(WatchedSource::status).toList();
    }

    public Optional<SourceStatus> status(String id) {
        return Optional.ofNullable(sources.get(id)).map(WatchedSource::status);
    }

    /**
     * Lets the fetches under way end before the service stops (Kafka and the database are still there at this
     * point): a commit they emitted gets its position stored, and is not emitted again after a restart.
     */
    void stop(@Observes ShutdownEvent shutdown) {
        fetchThreads.shutdown();
        packingThread.shutdown();
        try {
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
                repository -> BareMirror.open(repository, config.workDir()));
        CoalescingTask packing = packings.computeIfAbsent(definition.source().repository(),
                repository -> new CoalescingTask("packing of the mirror of " + repository, () -> {
                    if (mirror.tidy()) {
                        LOG.debugf("packed the mirror of %s", repository);
                    }
                }, packingThread));
        WatchedSource source = new WatchedSource(new SourceSync(definition, mirror, positions, commits, causes, secrets), origin,
                fetchThreads, metrics, packing::request);
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
