package io.flotilla.embedded.clusters.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as an API server writes them in objects (creation, deletion, managed fields, conditions): whole seconds, UTC. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
