package io.flotilla.renderer.kafka;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterState;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.SilentGitHost;
import io.flotilla.git.SealedSourceAccess;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class RendererServiceTest {

    @Inject
    ClusterCapabilities capabilities;

    @TempDir
    Path temp;

    private FlotillaTopics topics;

    @BeforeEach
    void connect() {
        topics = FlotillaTopics.ofService();
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    @Test
    void rendersACommitFromKafkaIntoReleasesForEveryTargetedCluster() {
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo.chart("app", "charts/app")
                    .write("releases/dev/shop.yaml", fluxV1("shop", "cart", "charts/app", imageTag("2.5.0")))
                    .write("common/shop/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n")
                    .commit("the shop"));
        }

        long offset = topics.publish(commit).offset();

        List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> records.size() >= 3);
        assertThat(rendered).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                "dev/shop/shop-cart", "dev/default/common-shop", "prod/default/common-shop");
        for (ConsumerRecord<String, String> record : rendered) {
            Envelope<ReleaseRendered> event = EventCodec.decode(record.value(), ReleaseRendered.class);
            assertThat(event.key()).isEqualTo(record.key());
            assertThat(event.source()).isEqualTo("renderer");
            assertThat(event.payload().error()).isNull();
            assertThat(event.payload().sourceSha()).isEqualTo(commit.payload().sha());
            assertThat(event.payload().commitOrder()).as("the commit's offset on the commits topic").isEqualTo(offset);
        }
        ReleaseRendered cart = EventCodec.decode(rendered.stream().filter(r -> r.key().equals("dev/shop/shop-cart"))
                .findFirst().orElseThrow().value(), ReleaseRendered.class).payload();
        assertThat(cart.objects().objects()).extracting(object -> object.get("kind"))
                .containsExactly("ConfigMap", "Service", "Deployment");
    }

    @Test
    void sendsARecordThatIsNotACommitToTheDeadLetterTopicAndRendersTheNextCommit() {
        String garbageKey = "not-a-commit-" + UUID.randomUUID();
        topics.publishRecord(Topic.COMMITS, null, garbageKey, "{\"this\": \"is not an event\"}", Map.of());
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo
                    .write("clusters/prod/quota.yaml", "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n")
                    .commit("a quota for prod"));
        }
        topics.publish(commit);

        await().atMost(Duration.ofSeconds(60)).until(() -> topics.all(Topic.DLQ).stream()
                .anyMatch(record -> garbageKey.equals(record.key())));
        List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> !records.isEmpty());
        assertThat(rendered).extracting(ConsumerRecord::key).containsExactly("prod/default/clusters-prod");
    }

    @Test
    void rendersTheKubernetesVersionTheObserverReportsForACluster() {
        Envelope<ClusterState> state = Envelope.first("observer",
                new ClusterState("dev", true, "v1.19.4", 1, 1, 0, 0, Instant.now()));
        topics.publish(state);
        await().atMost(Duration.ofSeconds(60)).until(() -> capabilities.of("dev").kubeVersion() != null);
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo.chart("hooks", "charts/hooks")
                    .write("releases/dev/db.yaml", fluxV1("data", "db", "charts/hooks", ""))
                    .commit("a database"));
        }
        topics.publish(commit);

        List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> !records.isEmpty());
        ReleaseRendered db = EventCodec.decode(rendered.get(0).value(), ReleaseRendered.class).payload();
        assertThat(db.objects().objects()).filteredOn(object -> "Service".equals(object.get("kind")))
                .singleElement().extracting(object -> ((Map<?, ?>) object.get("metadata")).get("annotations"))
                .isEqualTo(Map.of("kube-version", "v1.19.4"));
    }

    /**
     * A repository out of reach is held, and tried again, while the commits of another repository render; a newer
     * commit of the held one takes its place, and once the repository is back only that newest commit renders.
     */
    @Test
    void aRepositoryOutOfReachIsHeldWhileOthersRenderAndRendersItsNewestCommitOnceBack() throws Exception {
        Path fleet = temp.resolve("fleet");
        Path away = temp.resolve("fleet-away");
        Envelope<CommitDetected> first;
        Envelope<CommitDetected> second;
        try (ConfigRepository repo = ConfigRepository.in(fleet)) {
            first = Envelope.first("git-watcher", repo.write("clusters/prod/patient/quota.yaml", quota("patient-quota"))
                    .commit("a quota"));
            second = Envelope.first("git-watcher", repo.write("clusters/prod/patient/limits.yaml", limitRange())
                    .commit("limits too"));
        }
        Files.move(fleet, away);
        topics.publish(first);
        RecordMetadata held = topics.publish(second);
        TopicPartition partition = new TopicPartition(held.topic(), held.partition());

        long last;
        try (ConfigRepository other = ConfigRepository.in(temp.resolve("other-fleet"))) {
            // On the held commit's partition: rendered, but its offset not committed past the held one.
            Envelope<CommitDetected> meanwhile = Envelope.first("git-watcher", other
                    .write("clusters/prod/other/quota.yaml", quota("other-quota")).commit("another repository"));
            topics.publish(meanwhile, held.partition());
            Envelope<CommitDetected> andThen = Envelope.first("git-watcher", other
                    .write("clusters/prod/other/limits.yaml", limitRange()).commit("its next commit"));
            last = topics.publish(andThen, held.partition()).offset();
            List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                    .until(() -> recordsOf(Topic.RENDERED, andThen.correlationId()), records -> records.size() == 1);
            assertThat(EventCodec.decode(rendered.get(0).value(), ReleaseRendered.class).payload().objectCount())
                    .as("the other repository's commits render while the first is held").isEqualTo(2);
        }
        RestAssured.get("/q/health/live").then().statusCode(200);
        RestAssured.get("/q/health/ready").then().statusCode(200);
        assertThat(recordsOf(Topic.RENDERED, first.correlationId())).as("not rendered while it cannot be fetched")
                .isEmpty();
        assertThat(asAdmin().get("/q/metrics").then().statusCode(200).extract().asString())
                .as("the hold is counted").containsPattern("flotilla_renderer_repositories_held [1-9]");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committed(admin, partition))
                    .as("the replaced commit acknowledged, the held one not: a restart reads it again")
                    .isEqualTo(held.offset()));
            Files.move(away, fleet);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committed(admin, partition))
                    .as("every commit of the partition done").isEqualTo(last + 1));
        }
        List<ConsumerRecord<String, String>> newest = await().atMost(Duration.ofSeconds(60))
                .until(() -> recordsOf(Topic.RENDERED, second.correlationId()), records -> records.size() == 1);
        assertThat(EventCodec.decode(newest.get(0).value(), ReleaseRendered.class).payload().objectCount())
                .isEqualTo(2);
        assertThat(recordsOf(Topic.RENDERED, first.correlationId())).as("replaced by the newer commit while held")
                .isEmpty();
    }

    /**
     * A repository whose host takes the connection and never answers holds up no other repository: its fetch waits
     * aside while another repository's commit renders; once the host answers, its commit renders too.
     */
    @Test
    void aRepositoryWhoseHostNeverAnswersHoldsUpNoOtherRepository() {
        try (ConfigRepository silentRepo = ConfigRepository.in(temp.resolve("served/silent-fleet"));
                ConfigRepository other = ConfigRepository.in(temp.resolve("answering-fleet"));
                GitHttpServer server = GitHttpServer.serveToAnyone(temp.resolve("served"));
                SilentGitHost host = SilentGitHost.inFrontOf(server.url("silent-fleet"))) {
            CommitDetected made = silentRepo.write("clusters/prod/silent/quota.yaml", quota("silent-quota"))
                    .commit("a quota behind a silent host");
            Envelope<CommitDetected> silent = Envelope.first("git-watcher", new CommitDetected(
                    host.url(server.url("silent-fleet")), made.branch(), made.sha(), null, List.of(), made.author(),
                    made.message(), made.committedAt(), false, null));
            int partition = topics.publish(silent).partition();
            await().atMost(Duration.ofSeconds(60)).until(host::connectionsWaiting, waiting -> waiting > 0);

            Envelope<CommitDetected> meanwhile = Envelope.first("git-watcher", other
                    .write("clusters/prod/answering/quota.yaml", quota("answering-quota"))
                    .commit("a quota of a repository whose host answers"));
            topics.publish(meanwhile, partition);

            List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                    .until(() -> recordsOf(Topic.RENDERED, meanwhile.correlationId()), records -> records.size() == 1);
            assertThat(EventCodec.decode(rendered.get(0).value(), ReleaseRendered.class).payload().error()).isNull();
            assertThat(host.connectionsWaiting()).as("the silent host's fetch still waits for an answer meanwhile")
                    .isPositive();
            assertThat(recordsOf(Topic.RENDERED, silent.correlationId())).as("nothing fetched: nothing rendered")
                    .isEmpty();

            host.answer();
            List<ConsumerRecord<String, String>> renderedOnceAnswered = await().atMost(Duration.ofSeconds(60))
                    .until(() -> recordsOf(Topic.RENDERED, silent.correlationId()), records -> records.size() == 1);
            ReleaseRendered quota = EventCodec.decode(renderedOnceAnswered.get(0).value(), ReleaseRendered.class)
                    .payload();
            assertThat(quota.error()).isNull();
            assertThat(quota.sourceSha()).isEqualTo(made.sha());
        }
    }

    /** A source added through git-watcher's API with credentials: its commits carry them sealed, and they fetch it. */
    @Test
    void rendersACommitOfAPrivateRepositoryWithTheCredentialsItCarriesSealed() {
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("served/private"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-private")) {
            CommitDetected made = repo.write("clusters/prod/private/quota.yaml", quota("private-quota"))
                    .commit("a private quota");
            String url = server.url("private");
            String sealed = SealedSourceAccess.sealBasic(TestSecretKeys.RING, url, "ci-bot", "glpat-private");
            Envelope<CommitDetected> commit = Envelope.first("git-watcher", new CommitDetected(url, made.branch(),
                    made.sha(), null, List.of(), made.author(), made.message(), made.committedAt(), false, sealed));

            topics.publish(commit);

            List<ConsumerRecord<String, String>> rendered = await().atMost(Duration.ofSeconds(60))
                    .until(() -> recordsOf(Topic.RENDERED, commit.correlationId()), records -> records.size() == 1);
            ReleaseRendered quota = EventCodec.decode(rendered.get(0).value(), ReleaseRendered.class).payload();
            assertThat(quota.repository()).isEqualTo(url);
            assertThat(quota.error()).isNull();
            assertThat(quota.objectCount()).isEqualTo(1);
            assertThat(rendered.get(0).value()).doesNotContain("glpat-private");
        }
    }

    @Test
    void rendersAChartThatAsksForCapabilitiesOnlyOnceItsClusterIsDescribedAndAgainWhenItChanges() {
        assertThat(capabilities.known("prod")).as("no state of prod yet").isFalse();
        Envelope<CommitDetected> commit;
        try (ConfigRepository repo = ConfigRepository.in(temp.resolve("fleet"))) {
            commit = Envelope.first("git-watcher", repo.chart("hooks", "charts/hooks")
                    .write("clusters/prod/db.yaml", fluxV1("data", "db", "charts/hooks", ""))
                    .write("clusters/prod/capable/quota.yaml", quota("prod-quota"))
                    .commit("a database on prod"));
        }
        long offset = topics.publish(commit).offset();
        await().atMost(Duration.ofSeconds(60)).until(() -> recordsOf(Topic.RENDERED, commit.correlationId()),
                records -> records.stream()
                        .anyMatch(record -> record.key().equals("prod/default/clusters-prod-capable")));
        assertThat(recordsOf(Topic.RENDERED, commit.correlationId())).extracting(ConsumerRecord::key)
                .as("the database waits for prod's capabilities").doesNotContain("prod/data/data-db");

        topics.publish(Envelope.first("observer", new ClusterState("prod", true, "v1.28.3", 1, 1, 0, 0,
                Instant.now())));
        ReleaseRendered once = await().atMost(Duration.ofSeconds(60)).until(() -> renderingsOf("prod/data/data-db",
                commit.correlationId()), renderings -> renderings.size() == 1).get(0);
        topics.publish(Envelope.first("observer", new ClusterState("prod", true, "v1.29.1", 1, 1, 0, 0,
                Instant.now())));
        ReleaseRendered again = await().atMost(Duration.ofSeconds(60)).until(() -> renderingsOf("prod/data/data-db",
                commit.correlationId()), renderings -> renderings.size() == 2).get(1);

        assertThat(kubeVersionOf(once)).isEqualTo("v1.28.3");
        assertThat(kubeVersionOf(again)).isEqualTo("v1.29.1");
        assertThat(List.of(once.commitOrder(), again.commitOrder())).as("the commit's order, kept").containsOnly(offset);
        assertThat(recordsOf(Topic.RENDERED, commit.correlationId())).extracting(ConsumerRecord::key)
                .as("the quota does not ask for capabilities: rendered once")
                .containsOnlyOnce("prod/default/clusters-prod-capable");
    }

    /**
     * Another renderer of the group took the repository's partition for a while and moved a release away from what
     * this one last rendered (played here by its rendering put on the topic while a second member of the group held
     * the partitions); the partition comes back and a commit moves the release back: this renderer reads back what
     * the topic holds and renders it, instead of taking the input for unchanged.
     */
    @Test
    void rendersAgainAReleaseAnotherRendererMovedAwayWhileItHeldTheRepositorysPartition() {
        Path fleet = temp.resolve("moving-fleet");
        ConfigRepository repo = ConfigRepository.in(fleet).chart("app", "charts/app")
                .write("releases/dev/moved.yaml", fluxV1("moved", "app", "charts/app", imageTag("1.0.0")));
        Envelope<CommitDetected> first = Envelope.first("git-watcher", repo.commit("app at 1.0.0"));
        topics.publish(first);
        ReleaseRendered mine = await().atMost(Duration.ofSeconds(60))
                .until(() -> renderingsOf("dev/moved/moved-app", first.correlationId()), list -> !list.isEmpty())
                .get(0);

        Envelope<CommitDetected> elsewhere = Envelope.first("git-watcher", repo
                .write("releases/dev/moved.yaml", fluxV1("moved", "app", "charts/app", imageTag("2.0.0")))
                .commit("app at 2.0.0, rendered by the other renderer"));
        try (KafkaConsumer<String, String> other = secondMemberOfTheGroup()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                other.poll(Duration.ofMillis(200));
                return other.groupMetadata().generationId() > 0;
            });
            topics.publish(Envelope.causedBy(elsewhere, "renderer", mine.toBuilder()
                    .sourceSha(elsewhere.payload().sha()).inputDigest("sha256:the-other-renderers-input")
                    .commitOrder(mine.commitOrder() + 1).build()));
        }
        Envelope<CommitDetected> back = Envelope.first("git-watcher", repo
                .write("releases/dev/moved.yaml", fluxV1("moved", "app", "charts/app", imageTag("1.0.0")))
                .commit("app back at 1.0.0"));
        repo.close();
        topics.publish(back);

        List<ReleaseRendered> renderedBack = await().atMost(Duration.ofSeconds(60))
                .until(() -> renderingsOf("dev/moved/moved-app", back.correlationId()), list -> !list.isEmpty());
        assertThat(renderedBack.get(0).inputDigest()).isEqualTo(mine.inputDigest());
        assertThat(renderedBack.get(0).sourceSha()).isEqualTo(back.payload().sha());
    }

    /** The offset the renderer's group has committed on {@code partition} of the commits topic; -1 for none. */
    private static long committed(Admin admin, TopicPartition partition) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.commits.group.id", String.class)).partitionsToOffsetAndMetadata()
                .get().get(partition);
        return committed == null ? -1 : committed.offset();
    }

    /** A consumer of the renderer's own group on the commits topic, which takes partitions while it is there. */
    private KafkaConsumer<String, String> secondMemberOfTheGroup() {
        Config config = ConfigProvider.getConfig();
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, config.getValue("mp.messaging.incoming.commits.group.id", String.class),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings);
        consumer.subscribe(List.of(topics.name(Topic.COMMITS)));
        return consumer;
    }

    @Test
    void isReadyAndAlive() {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        RestAssured.get("/q/health/live").then().statusCode(200);
    }

    private List<ReleaseRendered> renderingsOf(String key, String correlationId) {
        return recordsOf(Topic.RENDERED, correlationId).stream().filter(record -> record.key().equals(key))
                .map(record -> EventCodec.decode(record.value(), ReleaseRendered.class).payload()).toList();
    }

    private static Object kubeVersionOf(ReleaseRendered db) {
        return db.objects().objects().stream().filter(object -> "Service".equals(object.get("kind"))).findFirst()
                .map(object -> ((Map<?, ?>) ((Map<?, ?>) object.get("metadata")).get("annotations")).get("kube-version"))
                .orElseThrow();
    }

    private static String quota(String name) {
        return "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: " + name + "\n";
    }

    private static String limitRange() {
        return "apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\n";
    }

    private List<ConsumerRecord<String, String>> recordsOf(Topic topic, String correlationId) {
        return topics.all(topic).stream()
                .filter(record -> EventCodec.decode(record.value()).correlationId().equals(correlationId))
                .toList();
    }
}
