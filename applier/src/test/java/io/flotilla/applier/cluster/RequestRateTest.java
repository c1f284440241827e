package io.flotilla.applier.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RequestRateTest {

    @Test
    void aSecondsWorthGoesAtOnceThenEachRequestWaitsItsShare() {
        RequestRate rate = new RequestRate("dev", 10, new LocalRequestBudget());
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            waits.add(rate.take());
        }

        assertThat(waits.subList(0, 10)).containsOnly(0L);
        assertThat(waits.get(10)).isBetween(50_000_000L, 100_000_000L);
        assertThat(waits.get(12)).isBetween(250_000_000L, 300_000_000L);
    }
}
