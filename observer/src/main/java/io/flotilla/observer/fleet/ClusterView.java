package io.flotilla.observer.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.flotilla.events.ClusterState;
import io.flotilla.observer.pullsecret.PullSecretsView;
import io.flotilla.observer.rollout.HeldRolloutView;

/**
 * One registered cluster as {@code /api/clusters} and the dashboard show it: its latest state (the fields of
 * {@link ClusterState}, as before the registry), and beside it its registration, releases, bootstrap, waves and held
 * rollouts, and its pull secrets. Never its credentials, nor a secret's value.
 *
 * @param state            its latest state; a state saying nothing yet while the observer has not taken one
 * @param source           how it was registered: {@code kubeconfig}, {@code api} or {@code secret}
 * @param reachability     {@code Reachable}, {@code Unreachable}, or {@code Unknown} before its first state
 * @param lastReconciledAt when the applier last reconciled a release there; null before any
 * @param waves            the rollout waves its renderings are in
 * @param rollouts         its releases held at a wave gate
 * @param pullSecrets      its pull secrets as registry-secrets last synced them; null before it has
 * @param watchedBy        the observer instance watching it now ({@code flotilla.observer.instance-id}); null while
 *                         none does
 */
public record ClusterView(@JsonUnwrapped ClusterState state, Map<String, String> labels, String source,
        String server, Instant registeredAt, String reachability, Instant lastReconciledAt, ReleaseCounts releases,
        BootstrapProgress bootstrap, List<String> waves, List<HeldRolloutView> rollouts,
        PullSecretsView pullSecrets, String watchedBy) {

    public String name() {
        return state.cluster();
    }

    /** How many of its releases are Ready, Failed, and drifted. */
    public record ReleaseCounts(long ready, long failed, long drifted) {
    }

    /**
     * How far it has come since it was registered.
     *
     * @param ready                how many of the releases rendered for it are Ready
     * @param total                how many releases are rendered for it
     * @param allReadyAfterSeconds seconds from its registration to the first moment all were Ready; null until then
     */
    public record BootstrapProgress(long ready, long total, Long allReadyAfterSeconds) {
    }
}
