package io.flotilla.testing.applier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.testing.fixtures.HelloRelease;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.process.PackagedService;
import io.flotilla.testing.security.TestTokens;

/**
 * The applier as deployed (its packaged application, a process of its own) with nothing else of Flotilla: a Kafka
 * broker in this JVM, which can be stopped and started again on the same port and data; a database of its own on
 * the shared PostgreSQL, emptied at start; simulated clusters in this JVM, so that their requests can be counted
 * and a cluster can be wiped. Renderings of the example chart are published straight on the rendered topic, as the
 * renderer would; the applied and dead-letter topics are followed from their start.
 */
public final class ApplierAlone implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(180);
    private static final Duration HTTP_LIMIT = Duration.ofSeconds(30);

    private final Path brokerData;
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private final List<SimulatedCluster> replaced = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private KafkaBroker broker;
    private int brokerPort;
    private PostgresServer postgres;
    private String database;
    private SimulatedFleet fleet;
    private PackagedService applier;
    private FlotillaTopics topics;
    private TopicFollower followed;

    private ApplierAlone(Path work) {
        this.brokerData = work.resolve("kafka");
    }

    /**
     * Starts the broker, the database {@code database} (dropped first), one simulated cluster per name and the
     * applier of the checkout {@code home} with these JVM options and settings (system properties such as
     * {@code flotilla.reconcile.interval}); returns once the applier is ready. Logs and data go under {@code work}.
     */
    public static ApplierAlone start(Path home, Path work, String database, List<String> clusterNames,
            List<String> jvmOptions, Map<String, String> settings) {
        ApplierAlone alone = new ApplierAlone(work);
        try {
            alone.broker = KafkaBroker.start(alone.brokerData, 0);
            String bootstrap = alone.broker.bootstrapServers();
            alone.brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            alone.postgres = PostgresServer.shared();
            alone.database = database;
            alone.postgres.dropDatabase(database).createDatabase(database);
            Map<String, Map<String, String>> fleet = new LinkedHashMap<>();
            clusterNames.forEach(name -> fleet.put(name, Map.of("env", name)));
            alone.fleet = SimulatedFleet.start(fleet);
            alone.fleet.clusters().forEach(cluster -> alone.clusters.put(cluster.name(), cluster));
            Path kubeconfig = alone.fleet.writeKubeconfig(work.resolve("kubeconfig.yaml"));
            Map<String, String> properties = new HashMap<>(settings);
            properties.put("kafka.bootstrap.servers", bootstrap);
            properties.put("flotilla.clusters.kubeconfig", kubeconfig.toString());
            properties.put("quarkus.datasource.reactive.url", alone.postgres.reactiveUrl(database));
            properties.put("quarkus.datasource.username", alone.postgres.username());
            Map<String, String> secrets = alone.postgres.password().isEmpty() ? Map.of()
                    : Map.of("QUARKUS_DATASOURCE_PASSWORD", alone.postgres.password());
            alone.applier = new PackagedService(home, "applier", jvmOptions, properties, secrets, LocalPorts.free(),
                    work.resolve("logs")).start(START_LIMIT);
            alone.topics = new FlotillaTopics(bootstrap);
            alone.followed = alone.topics.follow(Topic.APPLIED, Topic.DLQ);
            return alone;
        } catch (RuntimeException e) {
            alone.close();
            throw e;
        }
    }

    /** The applier's process, to kill, stop, start again or read the CPU time of. */
    public PackagedService applier() {
        return applier;
    }

    /** The cluster named {@code name} as it is now (a wiped one is a new cluster at the same address). */
    public SimulatedCluster cluster(String name) {
        SimulatedCluster cluster = clusters.get(name);
        if (cluster == null) {
            throw new IllegalArgumentException("no simulated cluster named " + name + "; there are "
                    + clusters.keySet());
        }
        return cluster;
    }

    /** The applied and dead-letter topics, followed from their start. */
    public TopicFollower followed() {
        return followed;
    }

    /**
     * Publishes the example chart as {@code count} new releases ({@code app-0000}...) of {@code namespace} on each
     * cluster, release by release as the renderer emits a commit's releases; their keys.
     */
    public List<ReleaseKey> publish(String namespace, List<String> clusterNames, int count) {
        List<Envelope<ReleaseRendered>> renderings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (String cluster : clusterNames) {
                ReleaseKey release = new ReleaseKey(cluster, namespace, String.format("app-%04d", i));
                renderings.add(Envelope.first("renderer", HelloRelease.rendered(release, "revision 1")));
            }
        }
        topics.publishAll(renderings);
        return renderings.stream().map(envelope -> envelope.payload().release()).toList();
    }

    /** How many of the releases last reported Ready on the applied topic. */
    public int ready(List<ReleaseKey> releases) {
        return (int) releases.stream().filter(release -> followed.latest(ReleaseApplied.class, release.toString())
                .filter(applied -> applied.outcome() == Outcome.Ready).isPresent()).count();
    }

    /** How many of the releases reported a revision numbered {@code revision} or higher, Ready. */
    public int readyAt(List<ReleaseKey> releases, int revision) {
        return (int) releases.stream().filter(release -> followed.latest(ReleaseApplied.class, release.toString())
                .filter(applied -> applied.outcome() == Outcome.Ready && applied.revision() >= revision).isPresent())
                .count();
    }

    /** How many {@code ReleaseReconciled} events of these releases the applied topic holds so far. */
    public int reconciled(List<ReleaseKey> releases) {
        Set<ReleaseKey> wanted = new HashSet<>(releases);
        return (int) followed.events(ReleaseReconciled.class).stream()
                .filter(envelope -> wanted.contains(envelope.payload().release())).count();
    }

    /** Records on the dead-letter topic so far. */
    public int deadLetters() {
        return followed.records(Topic.DLQ).size();
    }

    /** Stops the Kafka broker cleanly; clients see it gone until {@link #startBroker()}. */
    public void stopBroker() {
        broker.close();
        broker = null;
    }

    /** Starts the broker again on its port with the data it had. */
    public void startBroker() {
        broker = KafkaBroker.start(brokerData, brokerPort);
    }

    /**
     * Ends every connection the applier holds to its database, as a PostgreSQL restart would, without touching the
     * server others share: the number ended.
     */
    public int terminateApplierConnections() {
        try (Connection connection = postgres.connect("postgres");
                PreparedStatement terminate = connection.prepareStatement("select count(pg_terminate_backend(pid)) "
                        + "from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            try (ResultSet ended = terminate.executeQuery()) {
                ended.next();
                return ended.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end the connections to database " + database + ": "
                    + e.getMessage(), e);
        }
    }

    /** Replaces the cluster with an empty one at the same address, as a cluster wiped and re-created. */
    public SimulatedCluster wipe(String name) {
        SimulatedCluster old = cluster(name);
        int port = URI.create(old.url()).getPort();
        old.close();
        SimulatedCluster fresh = SimulatedCluster.start(name, old.labels(), port);
        clusters.put(name, fresh);
        replaced.add(fresh);
        return fresh;
    }

    /**
     * {@code POST /api/reconcile} with this JSON body ({@code {"cluster": "dev"}}...), which must answer 202: how
     * many releases were queued.
     */
    public int reconcile(String body) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(applier.url() + "/api/reconcile"))
                .header("Authorization", TestTokens.bearer(TestTokens.ADMIN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("POST /api/reconcile " + body + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return json(answer.body()).path("queued").asInt();
    }

    /** The release's revisions as the applier's history API lists them, oldest first; empty when it has none. */
    public List<RevisionSeen> revisions(ReleaseKey release) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(applier.url() + "/api/releases/"
                + release.cluster() + "/" + release.namespace() + "/" + release.name() + "/history"))
                .header("Authorization", TestTokens.bearer(TestTokens.ADMIN)).GET());
        if (answer.statusCode() == 404) {
            return List.of();
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the history of " + release + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        List<RevisionSeen> revisions = new ArrayList<>();
        json(answer.body()).forEach(entry -> revisions.add(new RevisionSeen(entry.path("revision").asInt(),
                Outcome.valueOf(entry.path("outcome").asText()))));
        return revisions;
    }

    /** One revision in the history: its number and outcome. */
    public record RevisionSeen(int number, Outcome outcome) {
    }

    /**
     * Where the releases stand: on their clusters, in the history and on the applied topic; a release should have
     * {@code expectedRevisions} revisions (1 when each was rendered once).
     */
    public Convergence convergence(List<ReleaseKey> releases, int expectedRevisions) {
        Map<String, List<Integer>> events = new HashMap<>();
        for (Envelope<ReleaseApplied> envelope : followed.events(ReleaseApplied.class)) {
            events.computeIfAbsent(envelope.payload().release().toString(), key -> new ArrayList<>())
                    .add(envelope.payload().revision());
        }
        Map<String, Set<String>> present = presentObjects(releases);
        int ready = 0;
        int missing = 0;
        int revisionCount = 0;
        int gapped = 0;
        int extra = 0;
        int lost = 0;
        int duplicates = 0;
        for (ReleaseKey release : releases) {
            List<RevisionSeen> revisions = revisions(release);
            List<Integer> sent = events.getOrDefault(release.toString(), List.of());
            Set<String> objects = present.getOrDefault(release.cluster() + "/" + release.namespace(), Set.of());
            if (!objects.containsAll(List.of("ConfigMap/" + release.name(), "Service/" + release.name(),
                    "Deployment/" + release.name()))) {
                missing++;
            }
            boolean lastReady = !revisions.isEmpty() && revisions.get(revisions.size() - 1).outcome() == Outcome.Ready;
            if (lastReady && followed.latest(ReleaseApplied.class, release.toString())
                    .filter(applied -> applied.outcome() == Outcome.Ready).isPresent()) {
                ready++;
            }
            revisionCount += revisions.size();
            extra += Math.max(0, revisions.size() - expectedRevisions);
            for (int i = 0; i < revisions.size(); i++) {
                if (revisions.get(i).number() != i + 1) {
                    gapped++;
                    break;
                }
            }
            for (RevisionSeen revision : revisions) {
                long times = sent.stream().filter(number -> number == revision.number()).count();
                if (times == 0) {
                    lost++;
                } else {
                    duplicates += (int) (times - 1);
                }
            }
        }
        return new Convergence(releases.size(), ready, missing, revisionCount, gapped, extra, lost, duplicates);
    }

    /** {@code Kind/name} of the ConfigMaps, Services and Deployments of each {@code cluster/namespace}. */
    private Map<String, Set<String>> presentObjects(List<ReleaseKey> releases) {
        Map<String, Set<String>> present = new HashMap<>();
        Set<String> places = releases.stream().map(release -> release.cluster() + "/" + release.namespace())
                .collect(Collectors.toCollection(HashSet::new));
        for (String place : places) {
            String[] parts = place.split("/", 2);
            KubernetesClient client = cluster(parts[0]).client();
            Set<String> names = new HashSet<>();
            client.configMaps().inNamespace(parts[1]).list().getItems().forEach(o -> names.add("ConfigMap/"
                    + o.getMetadata().getName()));
            client.services().inNamespace(parts[1]).list().getItems().forEach(o -> names.add("Service/"
                    + o.getMetadata().getName()));
            client.apps().deployments().inNamespace(parts[1]).list().getItems().forEach(o -> names.add("Deployment/"
                    + o.getMetadata().getName()));
            present.put(place, names);
        }
        return present;
    }

    @Override
    public void close() {
        if (applier != null) {
            applier.close();
        }
        if (topics != null) {
            topics.close();
        }
        replaced.forEach(SimulatedCluster::close);
        if (fleet != null) {
            fleet.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(HTTP_LIMIT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the applier at " + applier.url() + " did not answer: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return EventCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the applier answered no JSON: " + body, e);
        }
    }
}
