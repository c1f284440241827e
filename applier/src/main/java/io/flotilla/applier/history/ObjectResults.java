package io.flotilla.applier.history;

import java.util.List;

import io.flotilla.events.ObjectResult;

/**
 * The per-object results of a revision as one JSON document; an object rather than a bare array,
 * because that is what Hibernate Reactive binds to a PostgreSQL {@code jsonb} column.
 */
public record ObjectResults(List<ObjectResult> results) {

    public ObjectResults {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
