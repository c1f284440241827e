package io.flotilla.observer.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.flotilla.clusters.ClusterLabels;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.Envelope;
import io.flotilla.observer.cluster.ClusterConnections;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The registry of record: registers, relabels and removes clusters in PostgreSQL (credentials sealed), announces
 * each change on the clusters topic, and keeps the live {@link Fleet} the observer's own watches follow. At start it
 * reads its table (waiting for the database as long as it takes), adds the contexts of the kubeconfig given at start
 * ({@link KubeconfigSeed}), seals again with the key ring's current key the credentials sealed otherwise (an older key
 * of the ring, or the credentials key of before the ring), so that an old key can leave the ring, and announces every
 * registration and removal again, so one lost to a fault is repaired. Changes are made one at a time.
 */
@ApplicationScoped
public class ClusterRegistry {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);
    static final String SOURCE_API = "api";
    static final String SOURCE_SECRET = "secret";

    private final Mutiny.SessionFactory sessions;
    private final CredentialSeal seal;
    private final Fleet fleet;
    private final RegistrationTopic topic;
    private final Path kubeconfig;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cluster-registry");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch started = new CountDownLatch(1);

    public ClusterRegistry(Mutiny.SessionFactory sessions, CredentialSeal seal, Fleet fleet, RegistrationTopic topic,
            @ConfigProperty(name = "flotilla.clusters.kubeconfig") Optional<Path> kubeconfig) {
        this.sessions = sessions;
        this.seal = seal;
        this.fleet = fleet;
        this.topic = topic;
        this.kubeconfig = kubeconfig.orElse(null);
    }

    /** On a thread of its own: the database may not answer yet, and the rest of the observer starts meanwhile. */
    void start(@Observes StartupEvent event) {
        starter.execute(this::load);
    }

    @PreDestroy
    void stop() {
        starter.shutdownNow();
    }

    /** Waits until the registry has read its table and joined its clusters to the fleet. */
    void awaitStarted() throws InterruptedException {
        started.await();
    }

    /** What the registry does at start; a test calls it again as a restart would. */
    synchronized void load() {
        Map<String, RegistrationRecord> rows = rows(this::patiently);
        seed(rows, kubeconfig, this::patiently);
        for (RegistrationRecord stored : rows.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).toList()) {
            RegistrationRecord row = sealedWithCurrentKey(stored);
            if (row.live()) {
                registered(row).ifPresent(fleet::register);
            }
            announce(row);
        }
        started.countDown();
    }

    /**
     * The row with its credentials sealed with the key ring's current key, stored so when they were sealed otherwise;
     * as it is when they are, or when they do not open (then logged as the cluster is left unwatched).
     */
    private RegistrationRecord sealedWithCurrentKey(RegistrationRecord row) {
        if (row.credentials == null || seal.sealedWithCurrentKey(row.credentials)) {
            return row;
        }
        String sealed;
        try {
            sealed = seal.seal(row.name, seal.unseal(row.name, row.credentials));
        } catch (IllegalArgumentException e) {
            return row;
        }
        RegistrationRecord stored = patiently(session -> save(session, row.name,
                changed -> changed.credentials = sealed), "cluster " + row.name);
        LOG.infof("cluster %s: credentials sealed again with the key ring's current key", row.name);
        return stored;
    }

    /**
     * Registers the contexts of this kubeconfig the registry has no row of (and takes new servers and credentials of
     * clusters registered from it before), as at start.
     *
     * @return the clusters registered or changed
     */
    synchronized List<String> seed(Path file) {
        Map<String, RegistrationRecord> rows = rows(this::inTransaction);
        List<RegistrationRecord> stored = seed(rows, file, this::inTransaction);
        stored.forEach(row -> {
            registered(row).ifPresent(fleet::register);
            announce(row);
        });
        return stored.stream().map(row -> row.name).toList();
    }

    private interface Transactions {
        <T> T run(Function<Mutiny.Session, Uni<T>> work, String what);
    }

    private Map<String, RegistrationRecord> rows(Transactions transactions) {
        Map<String, RegistrationRecord> rows = new HashMap<>();
        transactions.run(session -> session.createNamedQuery(RegistrationRecord.ALL, RegistrationRecord.class)
                .getResultList(), "the registered clusters").forEach(row -> rows.put(row.name, row));
        return rows;
    }

    /** Stores what the kubeconfig adds to the registry, into {@code rows} too. */
    private List<RegistrationRecord> seed(Map<String, RegistrationRecord> rows, Path file, Transactions transactions) {
        List<RegistrationRecord> stored = new ArrayList<>();
        for (RegisteredCluster seeded : KubeconfigSeed.plan(known(rows), kubeconfigContexts(file))) {
            String sealed = seal.seal(seeded.name(), seeded.kubeconfig());
            RegistrationRecord row = transactions.run(session -> save(session, seeded.name(),
                    changed -> write(changed, seeded, sealed)), "cluster " + seeded.name());
            rows.put(seeded.name(), row);
            stored.add(row);
            LOG.infof("cluster %s: registered from the kubeconfig %s", seeded.name(), file);
        }
        return stored;
    }

    /** Every row with its credentials unsealed; a row that does not unseal is left out of the seed's comparison. */
    private Map<String, KubeconfigSeed.Row> known(Map<String, RegistrationRecord> rows) {
        Map<String, KubeconfigSeed.Row> known = new HashMap<>();
        rows.values().forEach(row -> known.put(row.name, new KubeconfigSeed.Row(new RegisteredCluster(row.name,
                row.labelMap(), row.server, row.source, row.registeredAt, unsealedOrNull(row)), row.live())));
        return known;
    }

    private List<RegisteredCluster> kubeconfigContexts(Path file) {
        if (file == null || !Files.isReadable(file)) {
            LOG.infof("no kubeconfig at start (flotilla.clusters.kubeconfig=%s cannot be read): the clusters are those"
                    + " registered through the API or cluster Secrets", file);
            return List.of();
        }
        List<RegisteredCluster> contexts;
        try {
            contexts = KubeconfigClusters.registrations(file, now());
        } catch (RuntimeException e) {
            LOG.errorf("the kubeconfig %s (flotilla.clusters.kubeconfig) registers no cluster: %s", file,
                    e.getMessage());
            return List.of();
        }
        return contexts.stream().filter(context -> {
            try {
                check(context);
                return true;
            } catch (RuntimeException e) {
                LOG.errorf("the kubeconfig %s: context %s is not registered: %s", file, context.name(),
                        e.getMessage());
                return false;
            }
        }).toList();
    }

    /**
     * Registers a cluster given through the API: a context of this kubeconfig text (its current one when
     * {@code context} is null) under {@code name}.
     *
     * @throws IllegalArgumentException   naming what is wrong with its name, labels or kubeconfig
     * @throws ClusterAlreadyRegistered when a cluster of that name is registered
     */
    public synchronized Registration register(String name, String kubeconfigText, String context,
            Map<String, String> labels) {
        checkStarted();
        ClusterLabels.checkName(name);
        ClusterLabels.check(labels);
        if (kubeconfigText == null || kubeconfigText.isBlank()) {
            throw new IllegalArgumentException("cluster " + name + ": no kubeconfig given");
        }
        RegisteredCluster cluster = KubeconfigClusters.registration(kubeconfigText, context, name, labels, SOURCE_API,
                now());
        check(cluster);
        RegistrationRecord row = find(cluster.name());
        if (row != null && row.live()) {
            throw new ClusterAlreadyRegistered(cluster.name(), row.source);
        }
        join(cluster);
        return Registration.of(cluster);
    }

    /**
     * Replaces the labels of a registered cluster.
     *
     * @throws IllegalArgumentException naming the first label that is not valid
     * @throws ClusterNotRegistered   when no cluster of that name is registered
     * @throws ClusterDefinedBySecret  when a cluster Secret defines it: its labels are that Secret's
     */
    public synchronized Registration relabel(String name, Map<String, String> labels) {
        checkStarted();
        ClusterLabels.check(labels);
        RegistrationRecord row = liveRow(name);
        if (SOURCE_SECRET.equals(row.source)) {
            throw new ClusterDefinedBySecret(name, "label");
        }
        RegisteredCluster relabelled = current(row).withLabels(labels);
        RegistrationRecord stored = inTransaction(session -> save(session, name, changed -> changed.labels(labels)),
                "cluster " + name);
        fleet.register(relabelled);
        announce(stored);
        return Registration.of(relabelled);
    }

    /**
     * Removes a registered cluster: work on it stops; what was deployed there stays unless {@code uninstall}.
     *
     * @throws ClusterNotRegistered  when no cluster of that name is registered
     * @throws ClusterDefinedBySecret when a cluster Secret defines it: deleting the Secret removes it
     */
    public synchronized void remove(String name, boolean uninstall) {
        checkStarted();
        if (SOURCE_SECRET.equals(liveRow(name).source)) {
            throw new ClusterDefinedBySecret(name, "delete");
        }
        leave(name, uninstall);
    }

    private void leave(String name, boolean uninstall) {
        Instant removedAt = now();
        RegistrationRecord stored = inTransaction(session -> save(session, name, row -> {
            row.removedAt = removedAt;
            row.uninstall = uninstall;
        }), "cluster " + name);
        fleet.remove(name, uninstall);
        announce(stored);
    }

    /**
     * A cluster Secret says this cluster: registered, or changed when it came from a Secret before. A cluster of that
     * name registered otherwise (the API, the kubeconfig) is left as it is, with a warning.
     */
    synchronized void fromSecret(RegisteredCluster cluster, String secret) {
        check(cluster);
        RegistrationRecord row = find(cluster.name());
        if (row == null || !row.live()) {
            join(cluster);
            LOG.infof("cluster %s: registered from the Secret %s", cluster.name(), secret);
            return;
        }
        if (!SOURCE_SECRET.equals(row.source)) {
            LOG.warnf("the Secret %s defines cluster %s, which is registered from %s already: the Secret is ignored"
                    + " until that cluster is removed", secret, cluster.name(), row.source);
            return;
        }
        RegisteredCluster known = current(row);
        RegisteredCluster changed = new RegisteredCluster(cluster.name(), cluster.labels(), cluster.server(),
                SOURCE_SECRET, known.registeredAt(), cluster.kubeconfig());
        if (changed.labels().equals(known.labels()) && changed.server().equals(known.server())
                && changed.kubeconfig().equals(known.kubeconfig())) {
            return;
        }
        String sealed = seal.seal(changed.name(), changed.kubeconfig());
        RegistrationRecord stored = inTransaction(session -> save(session, changed.name(),
                changing -> write(changing, changed, sealed)), "cluster " + changed.name());
        fleet.register(changed);
        announce(stored);
    }

    /** The Secret defining this cluster is gone: the cluster is removed, without uninstalling anything. */
    synchronized void secretGone(String name, String secret) {
        RegistrationRecord row = find(name);
        if (row != null && row.live() && SOURCE_SECRET.equals(row.source)) {
            LOG.infof("cluster %s: removed, its Secret %s was deleted", name, secret);
            leave(name, false);
        }
    }

    /** The clusters defined by Secrets now: a cluster registered from a Secret deleted meanwhile is removed. */
    synchronized void secretsListed(Set<String> names) {
        inTransaction(session -> session.createNamedQuery(RegistrationRecord.LIVE, RegistrationRecord.class)
                .getResultList(), "the registered clusters").stream()
                .filter(row -> SOURCE_SECRET.equals(row.source) && !names.contains(row.name))
                .forEach(row -> secretGone(row.name, "(deleted while the observer was away)"));
    }

    private void check(RegisteredCluster cluster) {
        ClusterLabels.checkName(cluster.name());
        ClusterLabels.check(cluster.labels());
        if (cluster.server() == null || cluster.server().isBlank()) {
            throw new IllegalArgumentException("the kubeconfig names no server for cluster " + cluster.name());
        }
        ClusterConnections.config(cluster);
    }

    /** Stores the cluster as newly registered (a removed row of its name registered anew), joins it to the fleet. */
    private void join(RegisteredCluster cluster) {
        String sealed = seal.seal(cluster.name(), cluster.kubeconfig());
        RegistrationRecord stored = inTransaction(session -> save(session, cluster.name(), row -> {
            write(row, cluster, sealed);
            row.removedAt = null;
            row.uninstall = false;
            row.allReadyAt = null;
        }), "cluster " + cluster.name());
        fleet.register(cluster);
        announce(stored);
    }

    private static void write(RegistrationRecord row, RegisteredCluster cluster, String sealedCredentials) {
        row.labels(cluster.labels());
        row.server = cluster.server();
        row.source = cluster.source();
        row.registeredAt = cluster.registeredAt();
        row.credentials = sealedCredentials;
    }

    /**
     * Changes the cluster's row, read in this transaction (a new row when there is none): only what {@code change}
     * sets is written, so the intake's mark of a bootstrap done is never overwritten.
     */
    private static Uni<RegistrationRecord> save(Mutiny.Session session, String name,
            Consumer<RegistrationRecord> change) {
        return session.find(RegistrationRecord.class, name).chain(existing -> {
            if (existing != null) {
                change.accept(existing);
                return Uni.createFrom().item(existing);
            }
            RegistrationRecord row = new RegistrationRecord();
            row.name = name;
            change.accept(row);
            return session.persist(row).replaceWith(row);
        });
    }

    private RegistrationRecord liveRow(String name) {
        RegistrationRecord row = find(name);
        if (row == null || !row.live()) {
            throw new ClusterNotRegistered(name);
        }
        return row;
    }

    private RegisteredCluster current(RegistrationRecord row) {
        return fleet.get(row.name).orElseGet(() -> {
            try {
                return new RegisteredCluster(row.name, row.labelMap(), row.server, row.source, row.registeredAt,
                        seal.unseal(row.name, row.credentials));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    /** The row as a cluster of the fleet; empty, with the reason logged, when its credentials do not open. */
    private Optional<RegisteredCluster> registered(RegistrationRecord row) {
        String unsealed = unsealedOrNull(row);
        return unsealed == null ? Optional.empty() : Optional.of(new RegisteredCluster(row.name, row.labelMap(),
                row.server, row.source, row.registeredAt, unsealed));
    }

    private String unsealedOrNull(RegistrationRecord row) {
        try {
            return seal.unseal(row.name, row.credentials);
        } catch (IllegalArgumentException e) {
            LOG.errorf("not watched: %s", e.getMessage());
            return null;
        }
    }

    /**
     * Announces the row as it is now. A failure is logged and the change stands: the registry is the record, and
     * every registration is announced again when the observer starts.
     */
    private void announce(RegistrationRecord row) {
        Envelope<?> envelope = row.live()
                ? Envelope.first("observer", new ClusterRegistered(row.name, row.labelMap(), row.server, row.source,
                        row.registeredAt, row.credentials))
                : Envelope.first("observer", new ClusterRemoved(row.name, row.uninstall, row.removedAt));
        try {
            topic.announce(envelope);
        } catch (RuntimeException e) {
            LOG.warnf(e, "cluster %s: %s not announced on the clusters topic; it is announced again when the"
                    + " observer starts", row.name, envelope.type());
        }
    }

    private RegistrationRecord find(String name) {
        return inTransaction(session -> session.find(RegistrationRecord.class, name), "cluster " + name);
    }

    private void checkStarted() {
        if (started.getCount() > 0) {
            throw new RegistryStarting();
        }
    }

    /** Waits for the work at start, trying again while the database does not answer. */
    private <T> T patiently(Function<Mutiny.Session, Uni<T>> work, String what) {
        return await(() -> sessions.withTransaction(work)
                .onFailure().invoke(failure -> LOG.warnf("%s: not read or stored yet, tried again: %s", what,
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely(), what);
    }

    /** Waits for the work of a change asked now: a database that fails it fails the change, to be asked again. */
    private <T> T inTransaction(Function<Mutiny.Session, Uni<T>> work, String what) {
        return await(() -> sessions.withTransaction(work), what);
    }

    private static <T> T await(Supplier<Uni<T>> work, String what) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(what + ": not read or stored: " + e.getMessage(), e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
