package io.flotilla.registrysecrets.pullsecret;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.events.PullSecretsSynced;

/**
 * Brings one cluster to what its pull secrets ask (its {@code ClusterPullSecret}s and the fleet seeds meant for it),
 * as registry-creds does: the seed's copy in every namespace (same type and data), listed in the {@code default}
 * ServiceAccount's {@code imagePullSecrets} after the entries already there. A namespace opted out ({@link OptOut}),
 * excluded by configuration or terminating is left alone; what a pull secret no longer meant for the cluster left
 * goes ({@link PullSecretRemoval}); a seed that is missing or not {@value #DOCKER_CONFIG_JSON} is reported (on the
 * {@code ClusterPullSecret}'s status too, {@link ClusterPullSecretStatus}) and its copies are left as they are; a
 * namespace that refuses a write is reported and the others go on; a cluster that does not answer fails the sync.
 *
 * <p>It reads the cluster from its informers' caches ({@link ClusterObjects}) and writes only what differs, so it may
 * run as often as anything changes. Before writing it hands what it found to {@code progress} (a rotation shows its
 * stale namespaces at once, and stays shown if the cluster stops answering), and again about every second while it
 * writes. Secret data is never logged nor returned: digests only.
 */
public final class PullSecretSync {

    public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";

    private static final long PROGRESS_EVERY_MILLIS = 1000;

    private final String cluster;
    private final Clock clock;
    private final Set<String> excludedNamespaces;
    private final CopyWriter writer;
    private final PullSecretRemoval removal;
    private final ClusterPullSecretStatus status;

    /**
     * @param excludedNamespaces namespaces that get no copy, whatever their annotations
     * @param statusSubresource  whether the cluster's {@code ClusterPullSecret} definition has a status subresource
     */
    public PullSecretSync(String cluster, KubernetesClient client, Clock clock, Set<String> excludedNamespaces,
            boolean statusSubresource) {
        this.cluster = cluster;
        this.clock = clock;
        this.excludedNamespaces = Set.copyOf(excludedNamespaces);
        this.writer = new CopyWriter(cluster, client);
        this.removal = new PullSecretRemoval(cluster, client, writer);
        this.status = new ClusterPullSecretStatus(client, clock, statusSubresource);
    }

    /**
     * Syncs the cluster's {@code ClusterPullSecret}s and {@code fleetSeeds} into every namespace and removes what
     * those gone left; fails only when the cluster does.
     *
     * @param fleetSeedsKnown whether {@code fleetSeeds} are all the fleet's (else no fleet seed's copy is removed)
     */
    public ClusterCoverage sync(ClusterObjects objects, List<PullSecret> fleetSeeds, boolean fleetSeedsKnown,
            Consumer<ClusterCoverage> progress) {
        List<GenericKubernetesResource> definitions = objects.clusterPullSecrets().stream()
                .sorted(Comparator.comparing(object -> object.getMetadata().getName())).toList();
        List<PullSecret> pullSecrets = wanted(definitions, fleetSeeds, objects);
        Namespaces namespaces = Namespaces.split(objects.namespaces(), excludedNamespaces);
        List<Reach> reaches = new ArrayList<>();
        Map<Reach, List<String>> pending = new HashMap<>();
        for (PullSecret pullSecret : pullSecrets) {
            Reach reach = new Reach(pullSecret);
            pending.put(reach, survey(reach, namespaces.eligible(), objects));
            reaches.add(reach);
        }
        progress.accept(coverage(reaches, namespaces, List.of()));
        long reported = clock.millis();
        for (Reach reach : reaches) {
            for (String namespace : pending.get(reach)) {
                bring(reach, namespace, objects);
                if (clock.millis() - reported >= PROGRESS_EVERY_MILLIS) {
                    progress.accept(coverage(reaches, namespaces, List.of()));
                    reported = clock.millis();
                }
            }
        }
        Set<CopyMarks.Owner> owners = new HashSet<>();
        pullSecrets.forEach(pullSecret -> owners.add(CopyMarks.owner(pullSecret)));
        List<String> removalErrors = removal.removeLeftovers(owners, objects, fleetSeedsKnown);
        for (int i = 0; i < definitions.size(); i++) {
            Reach reach = reaches.get(i);
            String refused = status.write(definitions.get(i), reach.pullSecret.seed(), reach.coverage());
            if (refused != null) {
                reach.errors.add(refused);
            }
        }
        return coverage(reaches, namespaces, removalErrors);
    }

    /** The cluster's own first, then the fleet seeds, one whose copy name a ClusterPullSecret has giving way. */
    private static List<PullSecret> wanted(List<GenericKubernetesResource> definitions, List<PullSecret> fleetSeeds,
            ClusterObjects objects) {
        List<PullSecret> wanted = new ArrayList<>();
        Map<String, String> copyNames = new HashMap<>();
        for (GenericKubernetesResource definition : definitions) {
            PullSecret pullSecret = ClusterPullSecret.from(definition).resolve(objects);
            wanted.add(pullSecret);
            copyNames.put(pullSecret.copyName(), pullSecret.title());
        }
        for (PullSecret fleetSeed : fleetSeeds) {
            String taken = copyNames.putIfAbsent(fleetSeed.copyName(), fleetSeed.title());
            wanted.add(taken == null ? fleetSeed : fleetSeed.withProblem(Seed.COPY_NAME_TAKEN, fleetSeed.title()
                    + ": its copy name " + fleetSeed.copyName() + " is that of " + taken
                    + " on this cluster, which keeps it; the fleet seed is not copied here"));
        }
        return wanted;
    }

    /** Counts what is in place already; the namespaces where something is to be written. */
    private static List<String> survey(Reach reach, List<String> namespaces, ClusterObjects objects) {
        List<String> pending = new ArrayList<>();
        reach.namespaces.addAll(namespaces);
        if (reach.digest == null) {
            return pending;
        }
        for (String namespace : namespaces) {
            Secret copy = objects.secret(namespace, reach.pullSecret.copyName());
            ServiceAccount account = objects.defaultServiceAccount(namespace);
            boolean listed = account != null && CopyWriter.lists(account, reach.pullSecret.copyName());
            if (reach.carriedBy(copy) && listed) {
                reach.covered.add(namespace);
            } else {
                pending.add(namespace);
            }
            if (copy != null && !reach.digest.equals(SeedDigest.of(copy.getData()))) {
                reach.stale.add(namespace);
            }
        }
        return pending;
    }

    private void bring(Reach reach, String namespace, ClusterObjects objects) {
        PullSecret pullSecret = reach.pullSecret;
        Secret copy = objects.secret(namespace, pullSecret.copyName());
        try {
            if (!reach.carriedBy(copy)) {
                writer.copy(pullSecret, reach.digest, namespace, copy);
            }
            reach.stale.remove(namespace);
            ServiceAccount account = objects.defaultServiceAccount(namespace);
            if (account == null || !CopyWriter.lists(account, pullSecret.copyName())) {
                writer.list(pullSecret, namespace, account);
            }
            reach.covered.add(namespace);
        } catch (CopyWriter.Refused refused) {
            reach.errors.add(refused.getMessage());
        }
    }

    private ClusterCoverage coverage(List<Reach> reaches, Namespaces namespaces, List<String> removalErrors) {
        List<PullSecretsSynced.Coverage> coverage = reaches.stream().map(Reach::coverage).toList();
        return new ClusterCoverage(new PullSecretsSynced(cluster, clock.instant(), coverage, removalErrors, null),
                namespaces.optedOut(), namespaces.excluded());
    }

    /**
     * Whether a change to {@code secret} may call for a sync: a copy Flotilla made, or a {@code ClusterPullSecret}'s
     * seed or copy by name (one edited or made by hand).
     */
    public static boolean concerns(Secret secret, List<GenericKubernetesResource> clusterPullSecrets) {
        if (CopyMarks.owner(secret) != null) {
            return true;
        }
        String namespace = secret.getMetadata().getNamespace();
        String name = secret.getMetadata().getName();
        for (GenericKubernetesResource object : clusterPullSecrets) {
            ClusterPullSecret pullSecret = ClusterPullSecret.from(object);
            if (name.equals(pullSecret.copyName())
                    || (namespace.equals(pullSecret.seedNamespace()) && name.equals(pullSecret.seedName()))) {
                return true;
            }
        }
        return false;
    }

    /** A Secret written without a type is {@code Opaque}, as the API server would default it. */
    static String typeOf(Secret secret) {
        return secret.getType() == null || secret.getType().isEmpty() ? "Opaque" : secret.getType();
    }

    /** The cluster's namespaces: those that get copies, those opted out, those excluded; terminating ones in none. */
    private record Namespaces(List<String> eligible, List<String> optedOut, List<String> excluded) {

        static Namespaces split(List<Namespace> namespaces, Set<String> excludedNamespaces) {
            List<String> eligible = new ArrayList<>();
            List<String> optedOut = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            for (Namespace namespace : namespaces.stream()
                    .sorted(Comparator.comparing(one -> one.getMetadata().getName())).toList()) {
                String name = namespace.getMetadata().getName();
                if (excludedNamespaces.contains(name)) {
                    excluded.add(name);
                } else if (OptOut.optedOut(namespace)) {
                    optedOut.add(name);
                } else if (!terminating(namespace)) {
                    eligible.add(name);
                }
            }
            return new Namespaces(eligible, optedOut, excluded);
        }

        private static boolean terminating(Namespace namespace) {
            return namespace.getMetadata().getDeletionTimestamp() != null
                    || (namespace.getStatus() != null && "Terminating".equals(namespace.getStatus().getPhase()));
        }
    }
}
