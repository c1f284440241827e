package io.flotilla.applier.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.sealing.KeyRing;

/**
 * The applier's fleet: credentials opened with the installation's key ring (and {@code
 * flotilla.clusters.credentials-key} where credentials sealed before the ring are announced), seeded with the contexts
 * of {@code flotilla.clusters.kubeconfig} when that file is set and readable, then kept by the clusters topic
 * ({@code kafka.ClusterRegistrations}), which wins over the seed.
 */
public class FleetProducer {

    private static final Logger LOG = Logger.getLogger(FleetProducer.class);

    @Produces
    @Singleton
    Fleet fleet(KeyRing ring, @ConfigProperty(name = CredentialSeal.EARLIER_KEY) Optional<String> earlierKey,
            @ConfigProperty(name = "flotilla.clusters.kubeconfig") Optional<Path> kubeconfig) {
        Fleet fleet = new Fleet(CredentialSeal.with(ring, earlierKey));
        kubeconfig.filter(Files::isReadable).ifPresentOrElse(file -> seed(fleet, file),
                () -> LOG.infof("no kubeconfig to seed the fleet with (%s); clusters come from the clusters topic",
                        kubeconfig.map(Path::toString).orElse("flotilla.clusters.kubeconfig is not set")));
        return fleet;
    }

    /** A kubeconfig that cannot be read as one seeds nothing: the clusters topic still names the fleet. */
    private static void seed(Fleet fleet, Path kubeconfig) {
        try {
            fleet.seed(KubeconfigClusters.registrations(kubeconfig, Instant.now()));
            LOG.infof("fleet seeded from %s: %s", kubeconfig, fleet.members().stream()
                    .map(RegisteredCluster::name).toList());
        } catch (RuntimeException e) {
            LOG.warnf("the kubeconfig %s seeds no cluster: %s", kubeconfig, e.getMessage());
        }
    }
}
