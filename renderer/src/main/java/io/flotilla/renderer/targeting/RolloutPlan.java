package io.flotilla.renderer.targeting;

import java.time.Duration;
import java.util.List;

/**
 * The waves an entry's clusters take a change in, in order, and how long a wave must have been Ready before the
 * next one goes. A cluster of the entry that no wave selects is in the last wave.
 */
public record RolloutPlan(Duration soak, List<Wave> waves) {

    public RolloutPlan {
        waves = List.copyOf(waves);
    }
}
