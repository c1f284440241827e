package io.flotilla.applier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.cluster.ClientSettings;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.sops.SopsKeys;
import io.flotilla.applier.hook.HookLedger;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.fixtures.TestSecretKeys;

/**
 * The applier's apply step ({@link ReleaseApply}) for real on one simulated cluster, {@value #NAME} (labelled
 * {@code env=dev}), as the tests that apply objects and read them back use it: started once for a test class, closed
 * after it.
 */
public final class OneSimulatedCluster implements AutoCloseable {

    public static final String NAME = "dev";

    /** A hook ledger that remembers no run: every hook of a phase runs each time the phase does. */
    public static final HookLedger NOTHING_REMEMBERED = new HookLedger() {
        @Override
        public boolean ran(ReleaseKey release, String inputDigest, String phase) {
            return false;
        }

        @Override
        public void record(ReleaseKey release, String inputDigest, String phase) {
            // Nothing is remembered, so nothing is skipped.
        }
    };

    private final SimulatedFleet fleet;
    private final Path kubeconfig;
    private final ClusterClients clusters;
    private final ReleaseApply apply;

    private OneSimulatedCluster(SimulatedFleet fleet, Path kubeconfig, HookLedger hooks) {
        this.fleet = fleet;
        this.kubeconfig = kubeconfig;
        this.clusters = new ClusterClients(Fleets.of(kubeconfig), null,
                new ClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), 0, 1000));
        this.apply = new ReleaseApply(clusters, new HealthWait(Duration.ofMillis(100)), true, hooks,
                TestSecretKeys.RING, new SopsKeys(Optional.empty(), Optional.empty(),
                TestSecretKeys.RING));
    }

    /** The cluster started, its kubeconfig written into {@code dir}, hooks recorded in {@code hooks}. */
    public static OneSimulatedCluster start(Path dir, HookLedger hooks) {
        SimulatedFleet fleet = SimulatedFleet.start(Map.of(NAME, Map.of("env", NAME)));
        return new OneSimulatedCluster(fleet, fleet.writeKubeconfig(dir.resolve("kubeconfig")), hooks);
    }

    /** The simulated cluster itself: what it stores and the requests it received. */
    public SimulatedCluster cluster() {
        return fleet.cluster(NAME);
    }

    /** A client of the cluster itself, to see what was applied as kubectl would. */
    public KubernetesClient client() {
        return cluster().client();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** The applier's clients, which {@link #apply()} uses. */
    public ClusterClients clusters() {
        return clusters;
    }

    public ReleaseApply apply() {
        return apply;
    }

    @Override
    public void close() {
        clusters.close();
        fleet.close();
    }
}
