package io.flotilla.applier.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.Rollout;

/**
 * The gate of a rollout's wave (the targeting file's {@code rollout.waves}): a rendering of a later wave is applied
 * only when, on every cluster of the wave before ({@link Rollout#previousWave}), the same namespace/name is Ready at
 * the commit order given there or a later one, and has been for the rollout's soak time. Failed or RolledBack there at
 * such an order (a failed rendering is recorded Failed) halts it: only a fix (Ready there at a newer order) or a
 * resume by hand opens it. Decided from states read in the history, nothing else.
 */
public final class WaveGate {

    private WaveGate() {
    }

    /** The releases whose states the gate of this rendering reads: none when it has no wave before. */
    public static List<ReleaseKey> previousWaveOf(DesiredRelease desired) {
        Rollout rollout = desired.rollout();
        if (rollout == null || rollout.first()) {
            return List.of();
        }
        return new TreeMap<>(rollout.previousWave()).keySet().stream()
                .map(cluster -> sameReleaseOn(desired.release(), cluster)).toList();
    }

    /**
     * Whether the rendering may be applied: open without a wave before, when resumed by hand for this rendering
     * ({@code current}'s forced commit order), or when the wave before is Ready long enough; else halted by the first
     * cluster (by name) where it failed, or waiting for the first where it is not Ready yet.
     */
    public static Gate decide(DesiredRelease desired, Optional<ReleaseState> current, PreviousWave wave) {
        Rollout rollout = desired.rollout();
        if (rollout == null || rollout.first() || forced(desired, current)) {
            return Gate.OPEN;
        }
        Gate waiting = null;
        for (Map.Entry<String, Long> member : new TreeMap<>(rollout.previousWave()).entrySet()) {
            ReleaseKey there = sameReleaseOn(desired.release(), member.getKey());
            Gate gate = onCluster(there, Optional.ofNullable(wave.states().get(there)), member.getValue(),
                    Duration.ofSeconds(rollout.soakSeconds()), wave.now());
            if (gate.halted()) {
                return gate;
            }
            if (waiting == null && !gate.open()) {
                waiting = gate;
            }
        }
        return waiting == null ? Gate.OPEN : waiting;
    }

    private static boolean forced(DesiredRelease desired, Optional<ReleaseState> current) {
        return current.map(ReleaseState::forcedCommitOrder)
                .filter(forced -> forced > 0 && forced >= desired.commitOrder()).isPresent();
    }

    private static Gate onCluster(ReleaseKey there, Optional<ReleaseState> state, long order, Duration soak,
            Instant now) {
        String release = there.namespace() + "/" + there.name();
        String cluster = there.cluster();
        if (state.isEmpty() || state.get().currentRevision() == 0) {
            return new Gate(Gate.State.WAITING, cluster, release + " is not applied on " + cluster
                    + " yet; waiting for it to be Ready there at commit order " + order + " or later");
        }
        ReleaseState at = state.get();
        if (at.statusCommitOrder() < order) {
            return new Gate(Gate.State.WAITING, cluster, release + " on " + cluster + " is " + at.status()
                    + " at commit order " + at.statusCommitOrder() + "; waiting for it to be Ready there at commit order "
                    + order + " or later");
        }
        if (at.status() == Outcome.Failed || at.status() == Outcome.RolledBack) {
            return new Gate(Gate.State.HALTED, cluster, release + " is " + at.status() + " on " + cluster
                    + " at commit order " + at.statusCommitOrder() + "; the rollout is halted until it is Ready there "
                    + "(push a fix) or resumed (flotilla rollout resume --release " + release + ")");
        }
        if (at.status() != Outcome.Ready) {
            return new Gate(Gate.State.WAITING, cluster, release + " on " + cluster + " is " + at.status()
                    + " at commit order " + at.statusCommitOrder() + "; waiting for it to be Ready there");
        }
        // Ready before its start was kept (an older history): Ready long enough.
        Instant since = at.readySince() == null ? Instant.EPOCH : at.readySince();
        if (since.plus(soak).isAfter(now)) {
            return new Gate(Gate.State.WAITING, cluster, release + " is Ready on " + cluster + " since " + since
                    + "; soaking " + soak.toSeconds() + "s before the next wave");
        }
        return Gate.OPEN;
    }

    private static ReleaseKey sameReleaseOn(ReleaseKey release, String cluster) {
        return new ReleaseKey(cluster, release.namespace(), release.name());
    }
}
