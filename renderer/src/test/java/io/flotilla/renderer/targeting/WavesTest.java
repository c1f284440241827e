package io.flotilla.renderer.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterRef;

class WavesTest {

    private static final String ENTRY = """
              - name: shop
                paths: ["apps/**"]
                exclude: {names: [lab]}
                rollout:
                  waves:
                    - {name: dev, clusters: {matchLabels: {env: dev}}}
                    - {name: stg, clusters: {matchLabels: {env: stg}}}
                    - {name: prod, clusters: {matchLabels: {env: prod}}, batch: %s}
            """;

    @Test
    void putsEachClusterInTheFirstWaveThatSelectsItAndTheRestInTheLast() throws Exception {
        List<ClusterRef> fleet = List.of(cluster("dev-1", "dev"), cluster("stg-1", "stg"), cluster("prod-1", "prod"),
                cluster("other", "qa"), cluster("lab", "dev"));

        Waves waves = Waves.of(entry("100%"), fleet);

        assertThat(waves.waveOf("dev-1")).isZero();
        assertThat(waves.waveOf("stg-1")).isEqualTo(1);
        assertThat(waves.waveOf("prod-1")).isEqualTo(2);
        assertThat(waves.waveOf("other")).as("in no wave: the last").isEqualTo(2);
        assertThat(waves.waveOf("lab")).as("excluded from the entry").isEqualTo(-1);
        assertThat(waves.name(2)).isEqualTo("prod");
    }

    @Test
    void cutsABatchedWaveIntoBatchesByClusterName() throws Exception {
        List<ClusterRef> fleet = IntStream.rangeClosed(1, 7).mapToObj(i -> cluster("prod-" + i, "prod")).toList();

        Waves byShare = Waves.of(entry("25%"), fleet);
        Waves byCount = Waves.of(entry("3"), fleet);

        assertThat(IntStream.rangeClosed(1, 7).map(i -> byShare.waveOf("prod-" + i)))
                .as("25% of 7 is 2 at a time, rounded up, after dev and stg (empty, but still waves 0 and 1)")
                .containsExactly(2, 2, 3, 3, 4, 4, 5);
        assertThat(byShare.name(2)).isEqualTo("prod (batch 1 of 4)");
        assertThat(byShare.name(5)).isEqualTo("prod (batch 4 of 4)");
        assertThat(IntStream.rangeClosed(1, 7).map(i -> byCount.waveOf("prod-" + i)))
                .containsExactly(2, 2, 2, 3, 3, 3, 4);
    }

    @Test
    void waitsForTheNearestEarlierWaveThatRendersTheRelease() throws Exception {
        List<ClusterRef> fleet = List.of(cluster("dev-1", "dev"), cluster("dev-2", "dev"), cluster("stg-1", "stg"),
                cluster("prod-1", "prod"));
        Waves waves = Waves.of(entry("100%"), fleet);

        assertThat(waves.previousWave("prod-1", Set.of("dev-1", "dev-2", "stg-1", "prod-1")))
                .containsExactly("stg-1");
        assertThat(waves.previousWave("prod-1", Set.of("dev-1", "dev-2", "prod-1")))
                .as("stg does not render it: dev is the wave before").containsExactly("dev-1", "dev-2");
        assertThat(waves.previousWave("dev-1", Set.of("dev-1", "stg-1"))).isEmpty();
        assertThat(waves.previousWave("stg-1", Set.of("stg-1", "prod-1"))).isEmpty();
    }

    private static TargetEntry entry(String batch) throws InvalidTargetingException {
        return TargetingTest.targeting(ENTRY.formatted(batch)).entries().get(0);
    }

    private static ClusterRef cluster(String name, String env) {
        return new ClusterRef(name, Map.of("env", env));
    }
}
