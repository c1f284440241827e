package io.flotilla.applier.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theDelayDoublesAfterEachFailureUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20));

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(backoff::after).map(Duration::toSeconds))
                .containsExactly(2L, 4L, 8L, 16L, 20L, 20L);
        assertThat(backoff.after(1_000)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aMaximumBelowTheFirstDelayIsRefusedNamingBoth() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessage("retry delays must be positive and the maximum at least the initial one: initial PT5S, "
                        + "max PT1S");
    }
}
