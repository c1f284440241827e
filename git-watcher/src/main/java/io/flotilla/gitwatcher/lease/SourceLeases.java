package io.flotilla.gitwatcher.lease;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sources this instance fetches. Every {@link #renewInterval()} it {@link #tick ticks}: marks itself alive,
 * renews its leases, gives back those above its share and takes free ones up to it. Its share is the number of
 * sources divided by the instances alive, rounded up: one instance alone takes every source at its first tick, and
 * two or more split them, so that a source is always held as long as one instance lives (every instance watches the
 * same sources: the configuration is the Deployment's, the sources added through the API are shared in PostgreSQL).
 *
 * A lease is valid here until its duration has passed since the statement that renewed it was sent, which is never
 * later than the expiry the database keeps for the others: an instance that can no longer renew (paused, cut off from
 * the database) stops publishing before another can take its sources ({@link #holds}).
 */
public final class SourceLeases {

    /**
     * What a tick changed.
     *
     * @param gained   sources this instance holds now and did not before: fetched at once, from the stored position
     * @param lost     sources it held and does not now (expired, or given back)
     * @param giveBack those of {@code lost} above its share, still leased to it: to {@link #release} once a fetch
     *                 under way has ended, so that its commit has its position stored before another instance reads it
     */
    public record Change(Set<String> gained, Set<String> lost, Set<String> giveBack) {
    }

    private final LeaseStore store;
    private final String instance;
    private final Duration duration;
    private final Duration renewInterval;
    private volatile Set<String> held = Set.of();
    private volatile long validUntilNanos = System.nanoTime();
    private volatile Map<String, String> owners = Map.of();

    /** @throws IllegalArgumentException when the renew interval is not shorter than the lease */
    public SourceLeases(LeaseStore store, String instance, Duration duration, Duration renewInterval) {
        if (renewInterval.isNegative() || renewInterval.isZero() || renewInterval.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("flotilla.git.lease.renew-interval (" + renewInterval
                    + ") must be positive and shorter than flotilla.git.lease.duration (" + duration + ")");
        }
        this.store = store;
        this.instance = instance;
        this.duration = duration;
        this.renewInterval = renewInterval;
    }

    public String instance() {
        return instance;
    }

    public Duration renewInterval() {
        return renewInterval;
    }

    /**
     * Renews, gives back and takes leases among {@code known}, the sources this instance watches.
     *
     * @throws IllegalStateException when the database cannot be reached: the leases held stay valid until they expire
     */
    public synchronized Change tick(Collection<String> known) {
        long sent = System.nanoTime();
        int alive = store.heartbeat(instance, duration);
        store.releaseAllBut(instance, known);
        TreeSet<String> kept = new TreeSet<>(store.renew(instance, intersection(held, known), duration));
        int share = (known.size() + alive - 1) / Math.max(alive, 1);
        Set<String> giveBack = new HashSet<>();
        while (kept.size() > share) {
            String last = kept.last();
            kept.remove(last);
            giveBack.add(last);
        }
        Set<String> free = new HashSet<>(known);
        free.removeAll(kept);
        free.removeAll(giveBack);
        kept.addAll(store.claim(instance, free, share - kept.size(), duration));
        validUntilNanos = sent + duration.toNanos();
        Change change = new Change(difference(kept, held), difference(held, kept), giveBack);
        held = Set.copyOf(kept);
        owners = Map.copyOf(store.owners(known));
        return change;
    }

    /**
     * Takes the lease of a source just added here whatever the share (a later tick gives it back if need be), so that
     * it is fetched once, by this instance, at once.
     *
     * @return whether this instance holds it now
     */
    public synchronized boolean claim(String id) {
        if (store.claim(instance, Set.of(id), 1, duration).isEmpty()) {
            return false;
        }
        Set<String> more = new HashSet<>(held);
        more.add(id);
        held = Set.copyOf(more);
        return true;
    }

    /** Gives back the lease of {@code id}: removed, or above this instance's share. */
    public synchronized void release(String id) {
        Set<String> fewer = new HashSet<>(held);
        fewer.remove(id);
        held = Set.copyOf(fewer);
        store.release(instance, Set.of(id));
    }

    /** Whether this instance holds the lease of {@code id} and may fetch the source and publish its commits. */
    public boolean holds(String id) {
        return held.contains(id) && System.nanoTime() - validUntilNanos < 0;
    }

    /** The instance holding {@code id}, as this one knows it: itself, or who held it at the last tick. */
    public Optional<String> owner(String id) {
        return holds(id) ? Optional.of(instance) : Optional.ofNullable(owners.get(id)).filter(o -> !o.equals(instance));
    }

    /** This instance stops: every lease it holds is given back, and it is no longer counted among the alive. */
    public synchronized void leave() {
        held = Set.of();
        store.leave(instance);
    }

    private static Set<String> intersection(Set<String> a, Collection<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> only = new HashSet<>(a);
        only.removeAll(b);
        return Set.copyOf(only);
    }
}
