package io.flotilla.gitwatcher.lease;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
     * @param giveBack those of {@code lost} above its share, still leased to it and held ({@link #holds}) until
     *                 {@link #release}d, which is done once a fetch under way has ended, so that its commit has its
     *                 position stored before another instance reads it
     */
    public record Change(Set<String> gained, Set<String> lost, Set<String> giveBack) {
    }

    private final LeaseStore store;
    private final String instance;
    private final Duration duration;
    private final Duration renewInterval;
    /** What this instance holds, each with until when (in {@link System#nanoTime()}) it counts its lease as valid. */
    private volatile Map<String, Long> held = Map.of();
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
        TreeSet<String> kept = new TreeSet<>(store.renew(instance, intersection(held.keySet(), known), duration));
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
        long validUntil = sent + duration.toNanos();
        Change change = new Change(difference(kept, held.keySet()), difference(held.keySet(), kept), giveBack);
        Map<String, Long> renewed = new HashMap<>();
        kept.forEach(id -> renewed.put(id, validUntil));
        // Still this instance's until released: a fetch under way publishes its commit and records its fetch, so that
        // the next holder neither misses the commit nor fetches the source again at once.
        giveBack.forEach(id -> renewed.put(id, validUntil));
        held = Map.copyOf(renewed);
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
        long sent = System.nanoTime();
        if (store.claim(instance, Set.of(id), 1, duration).isEmpty()) {
            return false;
        }
        Map<String, Long> more = new HashMap<>(held);
        more.put(id, sent + duration.toNanos());
        held = Map.copyOf(more);
        return true;
    }

    /** Gives back the lease of {@code id}: removed, or above this instance's share. */
    public synchronized void release(String id) {
        Map<String, Long> fewer = new HashMap<>(held);
        fewer.remove(id);
        held = Map.copyOf(fewer);
        store.release(instance, Set.of(id));
    }

    /** Whether this instance holds the lease of {@code id} and may fetch the source and publish its commits. */
    public boolean holds(String id) {
        Long validUntil = held.get(id);
        return validUntil != null && System.nanoTime() - validUntil < 0;
    }

    /** The instance holding {@code id}, as this one knows it: itself, or who held it at the last tick. */
    public Optional<String> owner(String id) {
        return holds(id) ? Optional.of(instance) : Optional.ofNullable(owners.get(id)).filter(o -> !o.equals(instance));
    }

    /** Whether {@code other} is an instance other than this one, and alive (its heartbeat not expired). */
    public boolean aliveOther(String other) {
        return !instance.equals(other) && store.alive(other);
    }

    /** This instance stops: every lease it holds is given back, and it is no longer counted among the alive. */
    public synchronized void leave() {
        held = Map.of();
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
