package io.flotilla.gitwatcher.sync;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flotilla.gitwatcher.kafka.CommitPublisher;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.position.SourcePositions;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.source.SourceStatus;

/**
 * The sources being watched, each fetched when a poll or a webhook asks. Fetches run on dedicated
 * threads: Git work never blocks the event loop or the scheduler.
 */
@ApplicationScoped
public class WatchedSources {

    private static final Logger LOG = Logger.getLogger(WatchedSources.class);

    private final ExecutorService fetchThreads = Executors.newCachedThreadPool(new FetchThreads());
    private final List<WatchedSource> sources;

    public WatchedSources(GitConfig config, SourcePositions positions, CommitPublisher publisher) {
        GitSource source = new GitSource(config.repository(), config.branch());
        BareMirror mirror = BareMirror.open(source.repository(), config.workDir());
        this.sources = List.of(new WatchedSource(new SourceSync(source, mirror, positions, publisher), mirror,
                fetchThreads));
        LOG.infof("watching %s, polling every %s", source, config.pollInterval());
    }

    /** Asks every source to fetch; returns at once. */
    public void fetchAll() {
        sources.forEach(WatchedSource::requestFetch);
    }

    public List<SourceStatus> statuses() {
        return sources.stream().map(WatchedSource::status).toList();
    }

    @PreDestroy
    void stop() {
        fetchThreads.shutdownNow();
        sources.forEach(WatchedSource::close);
    }

    private static final class FetchThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "git-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
