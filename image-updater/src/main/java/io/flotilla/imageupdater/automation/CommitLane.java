package io.flotilla.imageupdater.automation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import io.flotilla.events.CommitDetected;
import io.flotilla.imageupdater.declaration.CommitDeclarations;
import io.flotilla.imageupdater.declaration.Declarations;
import io.flotilla.imageupdater.source.SourceRepositories;
import io.flotilla.imageupdater.source.SourceUnavailableException;

/**
 * Reads the declarations of the commits that come, one at a time on a thread of its own, and hands them to the
 * {@link ScanLoop}. Only the newest commit of a branch matters: one that comes while an older one of its branch
 * waits replaces it, so that reading the commits topic from its start at each start of the service reads each
 * branch's last commit, not its history. A commit that cannot be read (its repository out of reach) is tried
 * again after a pause that doubles up to {@code longestPause}, unless a newer commit of its branch replaces it.
 */
public final class CommitLane implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommitLane.class);

    private final SourceRepositories sources;
    private final ScanLoop scans;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Map<String, CommitDetected> waiting = new LinkedHashMap<>();
    private final Thread worker;

    public CommitLane(SourceRepositories sources, ScanLoop scans, Duration firstPause, Duration longestPause) {
        this.sources = sources;
        this.scans = scans;
        this.firstPause = firstPause;
        this.longestPause = longestPause;
        this.worker = new Thread(this::run, "image-declarations");
        worker.setDaemon(true);
        worker.start();
    }

    /** Reads {@code commit} soon, instead of any older commit of its branch still waiting. */
    public synchronized void offer(CommitDetected commit) {
        waiting.put(commit.repository() + "\n" + commit.branch(), commit);
        notifyAll();
    }

    private synchronized CommitDetected next() throws InterruptedException {
        while (waiting.isEmpty()) {
            wait();
        }
        String key = waiting.keySet().iterator().next();
        return waiting.remove(key);
    }

    private synchronized boolean replaced(CommitDetected commit) {
        return waiting.containsKey(commit.repository() + "\n" + commit.branch());
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                read(next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(CommitDetected commit) throws InterruptedException {
        Duration pause = firstPause;
        while (!replaced(commit)) {
            try {
                Declarations declarations = CommitDeclarations.read(commit.repository(), commit.branch(), commit.sha(),
                        sources.yamlFiles(commit.repository(), commit.sha()));
                LOG.infof("%s %s at %s: %d automated image(s), %d declaration(s) refused", commit.repository(),
                        commit.branch(), commit.sha(), declarations.images().size(), declarations.errors().size());
                declarations.errors().forEach(error -> LOG.warn(error.message()));
                scans.declarationsRead(declarations);
                return;
            } catch (SourceUnavailableException e) {
                LOG.warnf("%s; tried again in %ss", e.getMessage(), pause.toSeconds());
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2).compareTo(longestPause) > 0 ? longestPause : pause.multipliedBy(2);
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot read the declarations of %s %s at %s", commit.repository(), commit.branch(),
                        commit.sha());
                return;
            }
        }
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
