package io.flotilla.gitwatcher.sync;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/**
 * Fetches each source at its poll interval, for Git hosts that send no webhook or lose one. Ticks every
 * second and asks only the sources that are due: sources keep intervals of their own.
 */
@ApplicationScoped
public class Poller {

    private final WatchedSources sources;

    public Poller(WatchedSources sources) {
        this.sources = sources;
    }

    @Scheduled(identity = "git-poll", every = "1s")
    void poll() {
        sources.pollDue();
    }
}
