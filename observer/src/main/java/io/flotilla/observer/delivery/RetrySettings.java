package io.flotilla.observer.delivery;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** How a destination that refuses (5xx, 429) or does not answer is tried again, and how much may wait for it. */
public interface RetrySettings {

    /** The wait before the second try; each next wait doubles. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** The longest wait between two tries. */
    @WithDefault("2m")
    Duration maxBackoff();

    /** Tries in all before a request is given up. */
    @WithDefault("10")
    int attempts();

    /** Requests that may wait for one destination; more are dropped, each with a warning. */
    @WithDefault("1000")
    int queueCapacity();
}
