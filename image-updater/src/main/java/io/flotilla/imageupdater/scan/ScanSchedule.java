package io.flotilla.imageupdater.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * When each followed repository is scanned next: a repository newly followed at once, then every interval (the
 * shortest its policies ask); after a failed scan, sooner, with a pause that doubles from {@code firstRetry} up
 * to {@code longestRetry} (but never later than its interval), so that a registry down or refusing is asked
 * again without being flooded. A registry webhook makes a repository due at once; one being scanned then is
 * scanned again when it finishes, so that the push is never missed. Plain state: the caller brings the clock.
 */
public final class ScanSchedule {

    private final Duration firstRetry;
    private final Duration longestRetry;
    private final Map<ScanKey, Entry> entries = new HashMap<>();

    private static final class Entry {
        Duration interval;
        Instant due;
        int failures;
        boolean running;
        boolean again;

        Entry(Duration interval, Instant due) {
            this.interval = interval;
            this.due = due;
        }
    }

    public ScanSchedule(Duration firstRetry, Duration longestRetry) {
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
    }

    /** Follows exactly these repositories, at these intervals: new ones are due at {@code now}. */
    public synchronized void follow(Map<ScanKey, Duration> intervals, Instant now) {
        entries.keySet().retainAll(intervals.keySet());
        intervals.forEach((key, interval) -> {
            Entry entry = entries.get(key);
            if (entry == null) {
                entries.put(key, new Entry(interval, now));
            } else if (!entry.interval.equals(interval)) {
                Instant sooner = entry.due.minus(entry.interval).plus(interval);
                entry.interval = interval;
                entry.due = sooner.isBefore(entry.due) ? sooner : entry.due;
            }
        });
    }

    /** The repositories due at {@code now} and not being scanned; they count as being scanned from now. */
    public synchronized List<ScanKey> takeDue(Instant now) {
        List<ScanKey> due = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (!entry.running && !entry.due.isAfter(now)) {
                entry.running = true;
                entry.again = false;
                due.add(key);
            }
        });
        return due;
    }

    /** Makes the matching repositories due at {@code now}; those being scanned run again after. Returns them. */
    public synchronized List<ScanKey> dueNow(Predicate<ScanKey> matching, Instant now) {
        List<ScanKey> matched = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (matching.test(key)) {
                entry.due = now;
                entry.again = entry.running;
                matched.add(key);
            }
        });
        return matched;
    }

    /** A scan that ended well: next one an interval later (or at once, if a webhook came meanwhile). */
    public synchronized void succeeded(ScanKey key, Instant now) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.failures = 0;
            finish(entry, now.plus(entry.interval));
        }
    }

    /** A scan that failed: the next one after the backoff. Returns that pause. */
    public synchronized Duration failed(ScanKey key, Instant now) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Duration.ZERO;
        }
        entry.failures++;
        Duration pause = firstRetry;
        for (int i = 1; i < entry.failures && pause.compareTo(longestRetry) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        pause = min(min(pause, longestRetry), entry.interval);
        finish(entry, now.plus(pause));
        return pause;
    }

    private static void finish(Entry entry, Instant next) {
        entry.running = false;
        if (!entry.again) {
            entry.due = next;
        }
        entry.again = false;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
