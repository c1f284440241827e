package io.flotilla.applier.queue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Clusters' slots kept in memory for queues made in a test, each instance seen through {@link #instance}: the
 * limit holds across them as the database's table holds it across applier instances; leases never run out.
 */
public final class SlotsInMemory {

    private final Map<String, Map<String, Integer>> held = new HashMap<>();
    private final Map<String, Set<String>> wanting = new HashMap<>();

    /** Slots for a single instance. */
    public static SharedSlots alone() {
        return new SlotsInMemory().instance("alone");
    }

    /** The slots as the instance {@code holder} takes and gives them. */
    public SharedSlots instance(String holder) {
        return new SharedSlots() {

            @Override
            public int take(String cluster, int limit, int wanted) {
                synchronized (SlotsInMemory.this) {
                    Map<String, Integer> holders = held.computeIfAbsent(cluster, key -> new HashMap<>());
                    int free = limit - holders.values().stream().mapToInt(Integer::intValue).sum();
                    int taken = Math.max(0, Math.min(free, wanted));
                    holders.merge(holder, taken, Integer::sum);
                    Set<String> want = wanting.computeIfAbsent(cluster, key -> new HashSet<>());
                    if (taken < wanted) {
                        want.add(holder);
                    } else {
                        want.remove(holder);
                    }
                    return taken;
                }
            }

            @Override
            public void give(String cluster, int count) {
                synchronized (SlotsInMemory.this) {
                    held.get(cluster).merge(holder, -count, Integer::sum);
                }
            }

            @Override
            public Map<String, Holding> renew() {
                synchronized (SlotsInMemory.this) {
                    Map<String, Holding> holding = new HashMap<>();
                    held.forEach((cluster, holders) -> holding.put(cluster, new Holding(holders.getOrDefault(holder, 0),
                            (int) wanting.getOrDefault(cluster, Set.of()).stream().filter(other -> !other.equals(holder))
                                    .count())));
                    return holding;
                }
            }

            @Override
            public void giveAll() {
                synchronized (SlotsInMemory.this) {
                    held.values().forEach(holders -> holders.remove(holder));
                }
            }
        };
    }
}
