package io.flotilla.observer.objecttree;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.security.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A release's CronJob, the Jobs it scheduled and their Pods, and the release's hook Jobs, made on the simulated
 * cluster {@code dev} as its controllers would make them, on the release's page; and the page's stream telling it
 * when that tree changed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class JobTreesOnAClusterTest {

    private static final Pattern FOLLOW = Pattern.compile("data-follow=\"([^\"]+)\"");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    @TestHTTPResource("/")
    URL observer;

    @Test
    void aCronJobShowsOverItsJobsAndTheirPodsWithWhatEachDidAndTheHooksWithThem() {
        String app = "cron-" + UUID.randomUUID().toString().substring(0, 8);
        SimulatedCluster cluster = ClustersTestResource.fleet().cluster("dev");
        KubernetesClient dev = cluster.client();
        CronJob cronJob = dev.batch().v1().cronjobs().inNamespace("default").resource(new CronJobBuilder()
                .withNewMetadata().withName(app).endMetadata().withNewSpec().withSchedule("*/5 * * * *")
                .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("backup").withImage("busybox").endContainer().endSpec().endTemplate()
                .endSpec().endJobTemplate().endSpec().build()).create();
        // What the CronJob and Job controllers would make of it: one Job that completed, one past its backoff limit.
        Job done = dev.batch().v1().jobs().inNamespace("default").resource(job(ownedBy(app + "-100", cronJob)))
                .create();
        dev.pods().inNamespace("default").resource(pod(ownedBy(app + "-100-a", done))).create();
        cluster.rolloutAutomatically(false);
        try {
            Job failed = dev.batch().v1().jobs().inNamespace("default").resource(job(ownedBy(app + "-105", cronJob)))
                    .create();
            dev.batch().v1().jobs().inNamespace("default").withName(app + "-105").editStatus(job -> new JobBuilder(job)
                    .withNewStatus().withFailed(2).withActive(0).addNewCondition().withType("Failed").withStatus("True")
                    .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                    .endCondition().endStatus().build());
            dev.pods().inNamespace("default").resource(pod(ownedBy(app + "-105-a", failed))).create();
            dev.pods().inNamespace("default").withName(app + "-105-a").editStatus(pod -> new PodBuilder(pod)
                    .withNewStatus().withPhase("Failed").withReason("Error").withMessage("exit code 1").endStatus()
                    .build());
            dev.batch().v1().cronjobs().inNamespace("default").withName(app).editStatus(job -> new CronJobBuilder(job)
                    .withNewStatus().withLastScheduleTime("2026-12-06T10:05:00Z")
                    .withLastSuccessfulTime("2026-12-06T10:00:09Z").endStatus().build());
        } finally {
            cluster.rolloutAutomatically(true);
        }
        dev.batch().v1().jobs().inNamespace("default").resource(job(new ObjectMetaBuilder().withName(app + "-migrate")
                .build())).create();
        send(app, List.of(ObjectResult.applied(new ObjectRef("batch/v1", "CronJob", "default", app)),
                new ObjectResult(new ObjectRef("batch/v1", "Job", "default", app + "-migrate"), ObjectAction.HOOK,
                        null),
                new ObjectResult(new ObjectRef("batch/v1", "Job", "default", app + "-smoke"), ObjectAction.HOOK,
                        null)));

        await().untilAsserted(() -> assertThat(page(app)).contains(
                "<li><span class=\"kind\">CronJob</span> default/" + app + " <span class=\"status s-bad\" "
                        + "data-shape=\"✕\">Degraded</span> <span class=\"reason\">its last Job did not succeed: "
                        + "schedule */5 * * * *, last scheduled 2026-12-06T10:05:00Z, 0 active, last succeeded "
                        + "2026-12-06T10:00:09Z</span><ul>"
                        + "<li><span class=\"kind\">Job</span> default/" + app + "-100 <span class=\"status s-ok\" "
                        + "data-shape=\"✓\">Completed</span> <span class=\"reason\">complete: 1 of 1 succeeded</span>"
                        + "<ul><li><span class=\"kind\">Pod</span> default/" + app + "-100-a <span class=\"status "
                        + "s-ok\" data-shape=\"✓\">Completed</span></li></ul></li>"
                        + "<li><span class=\"kind\">Job</span> default/" + app + "-105 <span class=\"status s-bad\" "
                        + "data-shape=\"✕\">Degraded</span> <span class=\"reason\">failed: BackoffLimitExceeded: Job "
                        + "has reached the specified backoff limit (2 pods failed, backoff limit 6)</span>"
                        + "<ul><li><span class=\"kind\">Pod</span> default/" + app + "-105-a <span class=\"status "
                        + "s-bad\" data-shape=\"✕\">Degraded</span> <span class=\"reason\">Error: exit code 1</span>"
                        + "</li></ul></li></ul></li>",
                "<li><span class=\"kind\">Job</span> default/" + app + "-migrate <span class=\"muted\">hook</span> "
                        + "<span class=\"status s-ok\" data-shape=\"✓\">Completed</span> <span class=\"reason\">"
                        + "complete: 1 of 1 succeeded</span></li>",
                "<li><span class=\"kind\">Job</span> default/" + app + "-smoke <span class=\"muted\">hook</span> "
                        + "<span class=\"muted\">gone</span> <span class=\"reason\">not on the cluster: deleted once it "
                        + "ran, as its hook-delete-policy asks</span></li>"));
    }

    @Test
    void anOpenPageHearsThatAPodOfItsTreeWentAway() throws Exception {
        String app = "live-" + UUID.randomUUID().toString().substring(0, 8);
        KubernetesClient dev = ClustersTestResource.fleet().cluster("dev").client();
        Job job = dev.batch().v1().jobs().inNamespace("default").resource(job(new ObjectMetaBuilder().withName(app)
                .build())).create();
        Pod pod = dev.pods().inNamespace("default").resource(pod(ownedBy(app + "-a", job))).create();
        send(app, List.of(ObjectResult.applied(new ObjectRef("batch/v1", "Job", "default", app))));
        await().untilAsserted(() -> assertThat(page(app)).contains("default/" + app + "-a"));
        Matcher follow = FOLLOW.matcher(page(app));
        assertThat(follow.find()).isTrue();

        Queue<String> heard = new ConcurrentLinkedQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(HttpRequest
                .newBuilder(URI.create(observer.toString()).resolve(follow.group(1).replace("&amp;", "&")))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + TestTokens.ADMIN).build(),
                HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> response.body().filter(line -> line.startsWith("data:"))
                .forEach(heard::add));
        try {
            await().until(stream::isDone);
            dev.pods().inNamespace("default").resource(pod).delete();

            await().untilAsserted(() -> assertThat(heard).contains("data:TreeChanged"));
            assertThat(page(app)).doesNotContain("default/" + app + "-a");
        } finally {
            stream.thenAccept(response -> response.body().close());
        }
    }

    private String page(String app) {
        return asAdmin().when().get("/releases/dev/default/" + app).then().statusCode(200).extract().asString();
    }

    private void send(String app, List<ObjectResult> objects) {
        Envelope<ReleaseApplied> applied = Envelope.first("applier", ReleaseApplied.builder()
                .release(new ReleaseKey("dev", "default", app)).revision(1).outcome(Outcome.Ready)
                .appliedAt(Instant.now()).objects(objects).build());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topicPrefix + "applied", applied.key(), EventCodec.encode(applied)));
        }
    }

    private static Job job(ObjectMeta metadata) {
        return new JobBuilder().withMetadata(metadata).withNewSpec().withNewTemplate().withNewSpec()
                .withRestartPolicy("Never").addNewContainer().withName("run").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static Pod pod(ObjectMeta metadata) {
        return new PodBuilder().withMetadata(metadata).withNewSpec().withRestartPolicy("Never").addNewContainer()
                .withName("run").withImage("busybox").endContainer().endSpec().build();
    }

    private static ObjectMeta ownedBy(String name, HasMetadata owner) {
        return new ObjectMetaBuilder().withName(name).withOwnerReferences(new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion()).withKind(owner.getKind()).withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid()).withController(true).build()).build();
    }
}
