package io.flotilla.applier.dependency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ReleaseKey;

class WaitingReleasesTest {

    private static final ReleaseKey APP = new ReleaseKey("dev", "apps", "web");
    private static final ReleaseKey DB = new ReleaseKey("dev", "data", "db");
    private static final ReleaseKey CACHE = new ReleaseKey("dev", "apps", "cache");

    @Test
    void dependenciesAreOnTheSameClusterAndABareNameIsInTheReleaseNamespace() {
        assertThat(WaitingReleases.dependenciesOf(APP, List.of("data/db", "cache"))).containsExactly(DB, CACHE);
    }

    @Test
    void aReleaseWaitingForTwoIsTriedAgainWhenEitherIsReadyWithItsLatestRendering() {
        WaitingReleases<String> waiting = new WaitingReleases<>();
        waiting.waitFor(APP, List.of(DB, CACHE), "web-1");
        waiting.waitFor(APP, List.of(DB, CACHE), "web-2");

        assertThat(waiting.readied(CACHE)).containsExactly("web-2");
        assertThat(waiting.readied(DB)).as("tried once, not twice").isEmpty();
    }

    @Test
    void whatIsWaitedForIsKnownUntilItIsReady() {
        WaitingReleases<String> waiting = new WaitingReleases<>();
        waiting.waitFor(APP, List.of(DB, CACHE), "web-1");

        assertThat(waiting.dependencies()).containsExactlyInAnyOrder(DB, CACHE);
        assertThat(waiting.waitedFor(DB)).isTrue();
        waiting.readied(DB);
        assertThat(waiting.waitedFor(DB)).isFalse();
        assertThat(waiting.dependencies()).as("web tried again, waiting for nothing until it says so").isEmpty();
    }
}
