package io.flotilla.gitwatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RefusalLimitTest {

    private Instant now = Instant.parse("2026-12-07T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void anAddressPastItsBudgetWaitsUntilItsWindowEndsWhileOthersGoOn() {
        RefusalLimit limit = new RefusalLimit(2, Duration.ofMinutes(1), clock);

        assertThat(limit.refused("198.51.100.7")).isEmpty();
        now = now.plusSeconds(10);
        assertThat(limit.refused("198.51.100.7")).isEmpty();
        assertThat(limit.refused("198.51.100.7")).contains(Duration.ofSeconds(50));
        assertThat(limit.firstPastBudget("198.51.100.7")).isTrue();
        assertThat(limit.refused("198.51.100.7")).contains(Duration.ofSeconds(50));
        assertThat(limit.firstPastBudget("198.51.100.7")).as("logged once per window").isFalse();
        assertThat(limit.refused("203.0.113.9")).as("another address").isEmpty();

        now = now.plusSeconds(50);
        assertThat(limit.refused("198.51.100.7")).as("a new window").isEmpty();
    }

    @Test
    void aBudgetOfZeroLimitsNothing() {
        RefusalLimit limit = new RefusalLimit(0, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(limit.refused("198.51.100.7")).isEmpty();
        }
    }
}
