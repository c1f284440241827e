package io.flotilla.events;

import java.util.Map;

/**
 * Where a rendering stands in a rollout of waves declared in the repository's targeting file: it may be applied
 * only once the same release is Ready on every cluster of the wave before, at the commit order given for each, and
 * has been for {@code soakSeconds}. A rendering without a rollout (or of the first wave) is applied at once.
 *
 * @param name          the targeting entry that declares the waves
 * @param wave          this cluster's wave, from 0
 * @param waveName      the wave's name, for people
 * @param soakSeconds   how long the wave before must have been Ready
 * @param previousWave  each cluster of the wave before that renders this release, with the commit order of the
 *                      rendering published there: the release must be Ready at that order or a later one
 */
public record Rollout(String name, int wave, String waveName, long soakSeconds, Map<String, Long> previousWave) {

    public Rollout {
        previousWave = previousWave == null ? Map.of() : Map.copyOf(previousWave);
    }

    /** Nothing to wait for: the first wave, or a wave whose predecessors do not render this release. */
    public boolean first() {
        return previousWave.isEmpty();
    }
}
