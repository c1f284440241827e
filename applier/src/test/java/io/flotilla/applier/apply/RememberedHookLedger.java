package io.flotilla.applier.apply;

import java.util.HashSet;
import java.util.Set;

import io.flotilla.applier.hook.HookLedger;
import io.flotilla.events.ReleaseKey;

/**
 * The hook ledger in memory, for tests without a database. With no history to say which revision is next, a phase
 * counts as run for the inputs until {@link #nextRevision()} says a revision was recorded.
 */
final class RememberedHookLedger implements HookLedger {

    private final Set<String> ran = new HashSet<>();

    @Override
    public synchronized boolean ran(ReleaseKey release, String inputDigest, String phase) {
        return ran.contains(release + " " + inputDigest + " " + phase);
    }

    @Override
    public synchronized void record(ReleaseKey release, String inputDigest, String phase) {
        ran.add(release + " " + inputDigest + " " + phase);
    }

    /** A revision was recorded: the phases that ran belong to it, and the next one runs them again. */
    synchronized void nextRevision() {
        ran.clear();
    }
}
