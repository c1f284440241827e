package io.flotilla.gitwatcher.sync;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Fetches every source at the poll interval, for Git hosts that send no webhook or lose one. */
@ApplicationScoped
public class Poller {

    private final WatchedSources sources;

    public Poller(WatchedSources sources) {
        this.sources = sources;
    }

    @Scheduled(identity = "git-poll", every = "${flotilla.git.poll-interval}")
    void poll() {
        sources.fetchAll();
    }
}
