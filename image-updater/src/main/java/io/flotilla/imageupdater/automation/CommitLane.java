package io.flotilla.imageupdater.automation;

import java.time.Duration;
import java.util.Iterator;
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
 * branch's last commit, not its history. A commit that cannot be read (its repository out of reach, its Secret
 * missing or refused) is shown with its reason and tried again after a pause that doubles up to
 * {@code longestPause}, unless a newer commit of its branch replaces it; commits of other branches and
 * repositories are read meanwhile.
 */
public final class CommitLane implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommitLane.class);

    private final SourceRepositories sources;
    private final ScanLoop scans;
    private final Duration firstPause;
    private final Duration longestPause;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final Thread worker;

    /** A commit waiting to be read, not before {@code dueNanos}; {@code pause} follows its next failure. */
    private record Waiting(CommitDetected commit, long dueNanos, Duration pause) {
    }

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
        waiting.put(branchKey(commit), new Waiting(commit, System.nanoTime(), firstPause));
        notifyAll();
    }

    /** The first commit due, in the order they came; waits for one. */
    private synchronized Waiting next() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long soonest = Long.MAX_VALUE;
            for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext();) {
                Waiting next = it.next();
                if (next.dueNanos() - now <= 0) {
                    it.remove();
                    return next;
                }
                soonest = Math.min(soonest, next.dueNanos() - now);
            }
            if (soonest == Long.MAX_VALUE) {
                wait();
            } else {
                wait(Math.max(1, soonest / 1_000_000));
            }
        }
    }

    /** {@code failed} again after its pause, unless a newer commit of its branch came meanwhile. */
    private synchronized void retry(Waiting failed) {
        Duration doubled = failed.pause().multipliedBy(2);
        waiting.putIfAbsent(branchKey(failed.commit()), new Waiting(failed.commit(),
                System.nanoTime() + failed.pause().toNanos(),
                doubled.compareTo(longestPause) > 0 ? longestPause : doubled));
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

    private void read(Waiting next) {
        CommitDetected commit = next.commit();
        try {
            Declarations declarations = CommitDeclarations.read(commit.repository(), commit.branch(), commit.sha(),
                    sources.yamlFiles(commit.repository(), commit.sha(), commit.access()));
            LOG.infof("%s %s at %s: %d automated image(s), %d declaration(s) refused", commit.repository(),
                    commit.branch(), commit.sha(), declarations.images().size(), declarations.errors().size());
            declarations.errors().forEach(error -> LOG.warn(error.message()));
            scans.declarationsRead(declarations);
        } catch (SourceUnavailableException e) {
            LOG.warnf("%s; tried again in %ss", e.getMessage(), next.pause().toSeconds());
            scans.commitUnreadable(commit.repository(), commit.branch(), commit.sha(),
                    e.getMessage() + "; tried again in " + next.pause().toSeconds() + "s");
            retry(next);
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot read the declarations of %s %s at %s", commit.repository(), commit.branch(),
                    commit.sha());
        }
    }

    private static String branchKey(CommitDetected commit) {
        return commit.repository() + "\n" + commit.branch();
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
