package io.flotilla.applier.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.flotilla.events.ReleaseKey;

/**
 * The work waiting for one cluster. At most {@code concurrency} works run at once, one per release, in the
 * order they came; a newer rendering replaces an older one not yet started. When the cluster does not
 * answer, the queue stops sending it work: what came is reported unreachable and held, and one held work is
 * tried again after a backoff (longer after each failure) until the cluster answers; then all held work
 * runs, and {@code answersAgain} hears the cluster's name, so that its releases are reconciled. A work stopped by
 * a transient fault elsewhere (the database) runs again alone after a backoff. Nothing here waits on another cluster.
 * <p>
 * {@code concurrency} is the cluster's limit for the whole group of applier instances: a work starts only in one of
 * the cluster's {@link SharedSlots} this instance holds. Slots are taken in a batch when works wait, handed from a
 * finished work to the next without asking anyone, and given back when the queue has had nothing to run for a
 * renewal, or at once beyond this instance's share while other instances want slots of the cluster. One instance
 * alone thus asks the database once per burst of work, not once per work.
 */
public final class ClusterQueue {

    private static final Logger LOG = Logger.getLogger(ClusterQueue.class);

    private final String cluster;
    private final int concurrency;
    private final Backoff backoff;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Consumer<String> answered;
    private final SharedSlots slots;
    private final Duration slotRetry;

    private final Map<ReleaseKey, Deque<Work>> waiting = new LinkedHashMap<>();
    private final Map<ReleaseKey, Work> held = new LinkedHashMap<>();
    private final Map<ReleaseKey, Work> running = new HashMap<>();
    private final Map<ReleaseKey, Integer> retries = new HashMap<>();
    private String unreachable;
    private int failures;
    private Work probe;
    private Runnable whenIdle;
    private boolean probeWaits;
    private int slotsHeld;
    private boolean taking;
    private int othersWanting;
    private long takes;

    ClusterQueue(String cluster, int concurrency, Backoff backoff, Executor workers, ScheduledExecutorService timer,
            SharedSlots slots, Duration slotRetry, Consumer<String> answersAgain) {
        this.cluster = cluster;
        this.slots = slots;
        this.slotRetry = slotRetry;
        this.answered = answersAgain;
        this.concurrency = concurrency;
        this.backoff = backoff;
        this.workers = workers;
        this.timer = timer;
    }

    /**
     * Queues the work behind the earlier works of its release; those it replaces are dropped, and so is the work
     * itself when one already running, queued or held replaces it.
     */
    public synchronized void submit(Work work) {
        ReleaseKey release = work.release();
        if (replacedAlready(work)) {
            work.drop();
            return;
        }
        Deque<Work> queued = waiting.computeIfAbsent(release, key -> new ArrayDeque<>());
        for (Iterator<Work> older = queued.iterator(); older.hasNext();) {
            Work candidate = older.next();
            if (work.replaces(candidate)) {
                older.remove();
                candidate.drop();
            }
        }
        Work heldBefore = held.get(release);
        if (heldBefore != null && work.replaces(heldBefore)) {
            held.remove(release);
            heldBefore.drop();
        }
        queued.addLast(work);
        dispatch();
    }

    /**
     * The cluster left the fleet: every work waiting or held is let go without running (their records acknowledged),
     * and {@code idle} runs once the works running now are done, so that the cluster's client is closed only when
     * nothing uses it. Works submitted later are queued as any other.
     */
    public synchronized void drain(Runnable idle) {
        waiting.values().forEach(works -> works.forEach(Work::drop));
        waiting.clear();
        held.values().forEach(Work::drop);
        held.clear();
        whenIdle = idle;
        idleNow();
    }

    /** The cluster joined the fleet: if it was held as not answering, it is tried again now rather than later. */
    public synchronized void tryNow() {
        if (unreachable != null && probe == null) {
            tryAgain();
        }
    }

    private void idleNow() {
        if (whenIdle != null && running.isEmpty()) {
            Runnable idle = whenIdle;
            whenIdle = null;
            workers.execute(idle);
        }
    }

    private boolean replacedAlready(Work work) {
        ReleaseKey release = work.release();
        Work current = running.get(release);
        Work heldOne = held.get(release);
        return (current != null && current.replaces(work)) || (heldOne != null && heldOne.replaces(work))
                || waiting.getOrDefault(release, new ArrayDeque<>()).stream().anyMatch(queued -> queued.replaces(work));
    }

    private void dispatch() {
        if (probeWaits && running.size() < slotsHeld) {
            probeWaits = false;
            tryAgain();
        }
        Iterator<Map.Entry<ReleaseKey, Deque<Work>>> entries = waiting.entrySet().iterator();
        while (running.size() < Math.min(slotsHeld, concurrency) && entries.hasNext()) {
            Map.Entry<ReleaseKey, Deque<Work>> entry = entries.next();
            if (running.containsKey(entry.getKey())) {
                continue;
            }
            Work work = entry.getValue().pollFirst();
            if (entry.getValue().isEmpty()) {
                entries.remove();
            }
            start(work, unreachable);
        }
        wantSlots();
    }

    /** Releases that could start now, a probe of the unreachable cluster included. */
    private int startable() {
        int releases = (int) waiting.keySet().stream().filter(release -> !running.containsKey(release)).count();
        return releases + (probeWaits ? 1 : 0);
    }

    /** Up to this instance's share while others want slots; else up to the cluster's limit. */
    private int allowed() {
        return othersWanting > 0 ? (concurrency + othersWanting) / (othersWanting + 1) : concurrency;
    }

    private void wantSlots() {
        int wanted = Math.min(running.size() + startable(), allowed()) - slotsHeld;
        if (wanted > 0 && !taking) {
            taking = true;
            workers.execute(() -> took(wanted, takeSlots(wanted)));
        }
    }

    private int takeSlots(int wanted) {
        try {
            return slots.take(cluster, concurrency, wanted);
        } catch (RuntimeException e) {
            LOG.warnf("cluster '%s': no slot could be taken; tried again in %d ms: %s", cluster, slotRetry.toMillis(),
                    e.getMessage());
            return 0;
        }
    }

    /** Slots taken: works start in them; when fewer came than wanted, more are asked for after a while. */
    private synchronized void took(int wanted, int taken) {
        slotsHeld += taken;
        takes++;
        if (taken < wanted) {
            timer.schedule(this::takeAgain, slotRetry.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            taking = false;
        }
        dispatch();
    }

    private synchronized void takeAgain() {
        taking = false;
        dispatch();
    }

    /**
     * Gives back the slots not needed: beyond this instance's share while others want slots, and, when
     * {@code idleToo}, those no work here could use now.
     */
    private void giveSurplus(boolean idleToo) {
        int needed = running.size() + startable();
        int keep = othersWanting > 0 ? Math.max(running.size(), Math.min(needed, allowed()))
                : idleToo ? needed : slotsHeld;
        int surplus = slotsHeld - Math.max(keep, running.size());
        if (surplus > 0) {
            slotsHeld -= surplus;
            workers.execute(() -> giveSlots(surplus));
        }
    }

    private void giveSlots(int count) {
        try {
            slots.give(cluster, count);
        } catch (RuntimeException e) {
            LOG.warnf("cluster '%s': %d slots not given back, free once their lease runs out: %s", cluster, count,
                    e.getMessage());
        }
    }

    /** How many times slots were taken so far: a renewal that began before the last take may not count them. */
    synchronized long takes() {
        return takes;
    }

    /**
     * The slots were renewed: those lost (a lease that ran out, taken by another instance) are no longer counted, and
     * what is not needed now, or beyond this instance's share while others want slots, is given back.
     */
    synchronized void renewed(SharedSlots.Holding holding, long takesBefore) {
        othersWanting = holding.othersWanting();
        if (takes == takesBefore && holding.slots() < slotsHeld) {
            LOG.warnf("cluster '%s': %d of its %d slots were lost (their lease ran out)", cluster,
                    slotsHeld - holding.slots(), slotsHeld);
            slotsHeld = holding.slots();
        }
        giveSurplus(true);
        dispatch();
    }

    private void start(Work work, String unreachableReason) {
        running.put(work.release(), work);
        workers.execute(() -> finished(work, runOnce(work, unreachableReason)));
    }

    private Ran runOnce(Work work, String unreachableReason) {
        try {
            Ran ran = unreachableReason == null ? work.run() : work.runWhileUnreachable(unreachableReason);
            if (ran.kind() != Ran.Kind.RETRY) {
                clearRetries(work);
            }
            return ran;
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "%s: failed unexpectedly", work.release());
            work.fail(e);
            return Ran.FINISHED;
        }
    }

    private synchronized void clearRetries(Work work) {
        retries.remove(work.release());
    }

    private synchronized void finished(Work work, Ran ran) {
        running.remove(work.release());
        boolean probed = work == probe;
        if (probed) {
            probe = null;
        }
        switch (ran.kind()) {
            case FINISHED -> {
                if (probed) {
                    answersAgain();
                }
            }
            case UNREACHABLE -> unreachableAgain(work, ran, probed);
            case RETRY -> retryLater(work, ran);
            case ABANDONED -> LOG.debugf("%s: abandoned, the applier stops", work.release());
        }
        dispatch();
        giveSurplus(false);
        idleNow();
    }

    private void unreachableAgain(Work work, Ran ran, boolean probed) {
        hold(work);
        if (unreachable == null || probed) {
            failures++;
            if (unreachable == null) {
                LOG.warnf("cluster '%s' does not answer; its releases wait: %s", cluster, ran.unreachable());
            }
            unreachable = ran.unreachable();
            Duration delay = backoff.after(failures);
            timer.schedule(this::tryAgain, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A transient fault outside the cluster: the work alone runs again after a backoff, unless a newer one came. */
    private void retryLater(Work work, Ran ran) {
        int tries = retries.merge(work.release(), 1, Integer::sum);
        Duration delay = backoff.after(tries);
        LOG.warnf("%s: tried again in %d ms: %s", work.release(), delay.toMillis(), ran.reason());
        timer.schedule(() -> submit(work), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Holds the work until the cluster answers: one work per release is held, the later one, unless the one held
     * already replaces it. Held behind a newer work of its release, the work is pointless. A work let go this way
     * loses nothing: what it was to apply was recorded as taken with its {@code Unreachable} revision.
     */
    private void hold(Work work) {
        Deque<Work> queued = waiting.get(work.release());
        if (queued != null && queued.stream().anyMatch(newer -> newer.replaces(work))) {
            work.drop();
            return;
        }
        Work before = held.get(work.release());
        if (before != null && before != work) {
            if (before.replaces(work)) {
                work.drop();
                return;
            }
            before.drop();
        }
        held.put(work.release(), work);
    }

    private synchronized void tryAgain() {
        boolean anyToProbe = held.values().stream().anyMatch(work -> !running.containsKey(work.release()));
        if (anyToProbe && running.size() >= slotsHeld) {
            probeWaits = true;
            wantSlots();
            return;
        }
        Iterator<Work> candidates = held.values().iterator();
        while (candidates.hasNext()) {
            Work candidate = candidates.next();
            if (!running.containsKey(candidate.release())) {
                candidates.remove();
                probe = candidate;
                start(candidate, null);
                return;
            }
        }
        answersAgain();
    }

    /** The cluster answered: every held work runs again, before what came later for its release. */
    private void answersAgain() {
        boolean wasUnreachable = unreachable != null;
        if (wasUnreachable) {
            LOG.infof("cluster '%s' answers again after %d tries; %d held releases go on", cluster, failures,
                    held.size());
        }
        unreachable = null;
        failures = 0;
        Map<ReleaseKey, Deque<Work>> resumed = new LinkedHashMap<>();
        held.forEach((release, work) -> resumed.computeIfAbsent(release, key -> new ArrayDeque<>()).add(work));
        held.clear();
        waiting.forEach((release, works) -> resumed.computeIfAbsent(release, key -> new ArrayDeque<>()).addAll(works));
        waiting.clear();
        waiting.putAll(resumed);
        dispatch();
        if (wasUnreachable) {
            workers.execute(() -> answered.accept(cluster));
        }
    }
}
