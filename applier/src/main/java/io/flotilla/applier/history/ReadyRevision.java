package io.flotilla.applier.history;

import java.util.List;
import java.util.Map;

/** A revision that was Ready, with the objects it rendered: what a rollback or a drift correction applies again. */
public record ReadyRevision(int number, List<Map<String, Object>> rendered) {

    public ReadyRevision {
        rendered = List.copyOf(rendered);
    }
}
