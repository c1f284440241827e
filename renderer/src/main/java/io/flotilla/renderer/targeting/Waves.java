package io.flotilla.renderer.targeting;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flotilla.events.ClusterRef;

/**
 * The wave each cluster of an entry is in, over the fleet as it is: every cluster the entry selects takes the first
 * wave whose selector matches it, or the last wave when none does; a wave with a batch size is cut, by cluster name,
 * into waves of that many clusters each, named {@code <wave> (batch i of n)}. Waves are numbered from 0 in order,
 * batches included, so the wave before a batch is the batch before it.
 */
public final class Waves {

    private final List<String> names;
    private final Map<String, Integer> waveOf;

    private Waves(List<String> names, Map<String, Integer> waveOf) {
        this.names = names;
        this.waveOf = waveOf;
    }

    /** The waves of {@code entry}'s clusters; none when the entry has no rollout. */
    public static Waves of(TargetEntry entry, List<ClusterRef> fleet) {
        if (entry.rollout() == null) {
            return new Waves(List.of(), Map.of());
        }
        List<Wave> declared = entry.rollout().waves();
        List<List<String>> members = new ArrayList<>();
        declared.forEach(wave -> members.add(new ArrayList<>()));
        fleet.stream().filter(entry::selects).sorted(Comparator.comparing(ClusterRef::name)).forEach(cluster -> {
            int wave = declared.size() - 1;
            for (int i = 0; i < declared.size(); i++) {
                if (declared.get(i).clusters().matches(cluster)) {
                    wave = i;
                    break;
                }
            }
            members.get(wave).add(cluster.name());
        });
        List<String> names = new ArrayList<>();
        Map<String, Integer> waveOf = new LinkedHashMap<>();
        for (int i = 0; i < declared.size(); i++) {
            Wave wave = declared.get(i);
            List<String> clusters = members.get(i);
            int size = wave.batch() == null || clusters.isEmpty() ? Math.max(1, clusters.size())
                    : wave.batch().of(clusters.size());
            int batches = Math.max(1, (clusters.size() + size - 1) / size);
            for (int batch = 0; batch < batches; batch++) {
                names.add(batches == 1 ? wave.name()
                        : wave.name() + " (batch " + (batch + 1) + " of " + batches + ")");
                for (String cluster : clusters.subList(Math.min(batch * size, clusters.size()),
                        Math.min((batch + 1) * size, clusters.size()))) {
                    waveOf.put(cluster, names.size() - 1);
                }
            }
        }
        return new Waves(List.copyOf(names), waveOf);
    }

    /** The wave of {@code cluster}, from 0; -1 when it is none of the entry's clusters. */
    public int waveOf(String cluster) {
        return waveOf.getOrDefault(cluster, -1);
    }

    public String name(int wave) {
        return names.get(wave);
    }

    /**
     * The clusters of the nearest wave before {@code cluster}'s that are among {@code rendering} (the clusters the
     * release is rendered for); none for the first wave, or when no wave before renders the release.
     */
    public List<String> previousWave(String cluster, Set<String> rendering) {
        int wave = waveOf(cluster);
        for (int before = wave - 1; before >= 0; before--) {
            int at = before;
            List<String> clusters = rendering.stream().filter(other -> waveOf(other) == at).sorted().toList();
            if (!clusters.isEmpty()) {
                return clusters;
            }
        }
        return List.of();
    }
}
