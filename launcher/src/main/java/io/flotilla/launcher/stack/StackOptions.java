package io.flotilla.launcher.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What {@code flotilla up} starts.
 *
 * @param home              the Flotilla checkout (services' packaged applications are found under it)
 * @param stateDir          where the stack keeps its state, data and logs ({@code .flotilla})
 * @param repository        the Git repository to watch (path or URL); null for the example fleet
 * @param simulatedClusters cluster name to labels, when Flotilla simulates the clusters
 * @param kubeconfig        a kubeconfig naming real clusters instead (then {@code simulatedClusters} is empty)
 * @param contexts          the kubeconfig contexts to manage; empty for all of them
 * @param observerPort      the API and dashboard port; 0 for the one {@link ServicePorts} reads
 * @param dynamicPorts      pick free ports for everything (tests, benchmarks) instead of the fixed ones
 * @param pollInterval      how often the git-watcher polls besides webhooks
 * @param database          the PostgreSQL database of this stack; emptied at start when the clusters are
 *                          simulated, since they start empty too
 * @param services          the services to start (every one for {@code flotilla up}; a benchmark of one service
 *                          starts that one alone, so the others' work does not weigh on what it measures)
 * @param spareClusters     simulated clusters started besides the fleet and registered nowhere, in a kubeconfig of
 *                          their own ({@code spare-kubeconfig}), for a user to add with {@code flotilla cluster add}
 * @param serviceProperties configuration given to a service besides the stack's own (system properties, so visible
 *                          to {@code ps}: settings, never secrets of a real deployment), as tests and benchmarks set
 *                          a service up
 * @param instances         how many processes of a service the stack starts (1 for a service not named): each on a
 *                          port of its own, in the same consumer groups, as pods of one Deployment
 */
public record StackOptions(
        Path home,
        Path stateDir,
        String repository,
        String branch,
        Map<String, Map<String, String>> simulatedClusters,
        Path kubeconfig,
        List<String> contexts,
        int observerPort,
        boolean dynamicPorts,
        Duration pollInterval,
        String database,
        Set<Service> services,
        int spareClusters,
        Map<Service, Map<String, String>> serviceProperties,
        Map<Service, Integer> instances) {

    public StackOptions {
        services = services.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(services));
        serviceProperties = Map.copyOf(serviceProperties);
        instances = Map.copyOf(instances);
        instances.forEach((service, count) -> {
            if (count < 1) {
                throw new IllegalArgumentException("a service runs in one instance at least, not " + count + " ("
                        + service.module() + ")");
            }
        });
        if (spareClusters < 0) {
            throw new IllegalArgumentException("spare clusters cannot be fewer than none: " + spareClusters);
        }
    }

    /** A stack of every service. */
    public StackOptions(Path home, Path stateDir, String repository, String branch,
            Map<String, Map<String, String>> simulatedClusters, Path kubeconfig, List<String> contexts, int observerPort,
            boolean dynamicPorts, Duration pollInterval, String database) {
        this(home, stateDir, repository, branch, simulatedClusters, kubeconfig, contexts, observerPort, dynamicPorts,
                pollInterval, database, EnumSet.allOf(Service.class), 0, Map.of(), Map.of());
    }

    /** The same stack with only {@code started} of its services. */
    public StackOptions with(Set<Service> started) {
        return new StackOptions(home, stateDir, repository, branch, simulatedClusters, kubeconfig, contexts,
                observerPort, dynamicPorts, pollInterval, database, started, spareClusters, serviceProperties, instances);
    }

    /** The same stack with {@code spares} simulated clusters that no one has registered yet. */
    public StackOptions withSpareClusters(int spares) {
        return new StackOptions(home, stateDir, repository, branch, simulatedClusters, kubeconfig, contexts,
                observerPort, dynamicPorts, pollInterval, database, services, spares, serviceProperties, instances);
    }

    /** The same stack with {@code properties} given to {@code service} (replacing any given it before). */
    public StackOptions withProperties(Service service, Map<String, String> properties) {
        Map<Service, Map<String, String>> given = new EnumMap<>(Service.class);
        given.putAll(serviceProperties);
        given.put(service, Map.copyOf(properties));
        return new StackOptions(home, stateDir, repository, branch, simulatedClusters, kubeconfig, contexts,
                observerPort, dynamicPorts, pollInterval, database, services, spareClusters, given, instances);
    }

    /** The same stack with {@code count} instances of {@code service}. */
    public StackOptions withInstances(Service service, int count) {
        Map<Service, Integer> counts = new EnumMap<>(Service.class);
        counts.putAll(instances);
        counts.put(service, count);
        return new StackOptions(home, stateDir, repository, branch, simulatedClusters, kubeconfig, contexts,
                observerPort, dynamicPorts, pollInterval, database, services, spareClusters, serviceProperties, counts);
    }

    /** How many processes of {@code service} the stack starts. */
    public int instances(Service service) {
        return instances.getOrDefault(service, 1);
    }

    /** The spare clusters' names, {@code spare-1}... (their contexts in {@code spare-kubeconfig}). */
    public List<String> spareClusterNames() {
        return IntStream.rangeClosed(1, spareClusters).mapToObj(i -> "spare-" + i).toList();
    }

    public boolean simulated() {
        return kubeconfig == null;
    }
}
