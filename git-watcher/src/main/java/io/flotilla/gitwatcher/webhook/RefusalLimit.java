package io.flotilla.gitwatcher.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many refused deliveries (a missing or wrong signature, a replay) one client address may send in a window:
 * past the budget its refused deliveries are answered 429 until the window ends, so that guessing a secret or
 * replaying deliveries costs time and fills no log. Deliveries that pass are never counted nor limited, whoever
 * sends them: a Git host's good deliveries go on while a forger shares its address.
 */
public final class RefusalLimit {

    /** Addresses kept at most; past that, those whose window has ended are forgotten. */
    private static final int ADDRESSES_KEPT = 10_000;

    private final int budget;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    /**
     * @param budget refused deliveries an address may send in {@code window} before being limited; 0 for no limit
     */
    public RefusalLimit(int budget, Duration window, Clock clock) {
        this.budget = budget;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts a refused delivery from {@code address}.
     *
     * @return how long until the address may be answered again, when this refusal is past its budget
     */
    public synchronized Optional<Duration> refused(String address) {
        if (budget <= 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Window current = windows.get(address);
        if (current == null || !now.isBefore(current.ends())) {
            if (windows.size() >= ADDRESSES_KEPT) {
                windows.values().removeIf(kept -> !now.isBefore(kept.ends()));
            }
            current = new Window(now.plus(window), 0);
        }
        current = new Window(current.ends(), current.refused() + 1);
        windows.put(address, current);
        if (current.refused() <= budget) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.ends()));
    }

    /** Whether this refusal is the first past the budget in its window: the one worth a line in the log. */
    public synchronized boolean firstPastBudget(String address) {
        Window current = windows.get(address);
        return current != null && current.refused() == budget + 1;
    }

    private record Window(Instant ends, int refused) {
    }
}
