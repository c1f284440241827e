package io.flotilla.registrysecrets.fleetseed;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.registrysecrets.pullsecret.PullSecret;

/**
 * The fleet's seeds, from Flotilla's configuration ({@link ConfiguredSeeds}) and from the cluster it runs in
 * ({@link HomeClusterSeeds}, when {@code flotilla.pull-secrets.home-kubeconfig} is set; a name the configuration has
 * already is the configuration's). The configured files are read again every
 * {@code flotilla.pull-secrets.fleet-seed-poll}, the home cluster's Secrets followed by an informer; whenever a seed
 * is added, rotated, changed or removed, the listeners hear it, and each cluster's lane syncs. The seeds' data
 * stays in this process: logs and messages carry its digest only.
 */
@ApplicationScoped
public class FleetSeeds {

    /** The condition reason of a seed whose selector cannot be read. */
    public static final String BAD_SELECTOR = "SelectorInvalid";

    private static final Logger LOG = Logger.getLogger(FleetSeeds.class);

    private final ConfiguredSeeds configured;
    private final HomeClusterSeeds home;
    private final ScheduledExecutorService poller;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile List<FleetSeed> current = List.of();

    public FleetSeeds(Config config,
            @ConfigProperty(name = "flotilla.pull-secrets.home-kubeconfig") Optional<Path> homeKubeconfig,
            @ConfigProperty(name = "flotilla.pull-secrets.fleet-seed-poll", defaultValue = "5s") Duration poll) {
        this.configured = ConfiguredSeeds.from(config);
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread named = new Thread(runnable, "fleet-seeds");
            named.setDaemon(true);
            return named;
        });
        this.home = homeKubeconfig.map(this::followHome).orElse(null);
        refresh();
        LOG.infof("fleet seeds: %s from the configuration; %s", configured.names(), homeKubeconfig
                .map(path -> "Secrets labelled " + HomeClusterSeeds.LABEL + " in the cluster of " + path)
                .orElse("none from a home cluster (flotilla.pull-secrets.home-kubeconfig not set)"));
        poller.scheduleWithFixedDelay(this::refresh, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private HomeClusterSeeds followHome(Path kubeconfig) {
        try {
            return new HomeClusterSeeds(kubeconfig, () -> poller.execute(this::refresh));
        } catch (IOException e) {
            throw new IllegalStateException("flotilla.pull-secrets.home-kubeconfig " + kubeconfig
                    + " cannot be read (" + e.getClass().getSimpleName() + "): set it to the kubeconfig of the cluster"
                    + " Flotilla runs in, or leave it unset for no fleet seeds from there", e);
        }
    }

    /** {@code changed} runs whenever a seed is added, rotated, changed or removed. */
    public void listen(Runnable changed) {
        listeners.add(changed);
    }

    /** Whether every seed is known: false until the home cluster's Secrets have been listed once. */
    public boolean known() {
        return home == null || home.listed();
    }

    /** The seeds whose selectors match a cluster with these labels. */
    public List<PullSecret> forCluster(Map<String, String> labels) {
        return current.stream().filter(seed -> seed.selector().matches(labels)).map(FleetSeed::pullSecret).toList();
    }

    private synchronized void refresh() {
        List<FleetSeed> seeds = new ArrayList<>(configured.read());
        if (home != null) {
            seeds.addAll(home.seeds(configured.names()));
        }
        if (seeds.equals(current)) {
            return;
        }
        logChanges(current, seeds);
        current = List.copyOf(seeds);
        listeners.forEach(Runnable::run);
    }

    private static void logChanges(List<FleetSeed> before, List<FleetSeed> after) {
        Map<String, FleetSeed> previous = new HashMap<>();
        before.forEach(seed -> previous.put(seed.name(), seed));
        for (FleetSeed seed : after) {
            FleetSeed was = previous.remove(seed.name());
            if (was != null && was.equals(seed)) {
                continue;
            }
            if (seed.seed().isUsable()) {
                LOG.infof("fleet seed %s (%s): seed %s, for clusters [%s], copied as %s", seed.name(),
                        seed.definedBy(), seed.seed().digest(), seed.selector().text(), seed.copyName());
            } else if (was == null || !Objects.equals(was.seed().problem(), seed.seed().problem())) {
                LOG.warn(seed.seed().problem());
            }
        }
        previous.values().forEach(seed -> LOG.infof("fleet seed %s (%s) removed: its copies go", seed.name(),
                seed.definedBy()));
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
        if (home != null) {
            home.close();
        }
    }
}
