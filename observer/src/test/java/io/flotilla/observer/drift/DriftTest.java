package io.flotilla.observer.drift;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.events.DriftFound;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Topic;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.events.sealing.SopsObjects;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.flotilla.testing.sops.AgeCli;
import io.flotilla.testing.sops.SopsWriter;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Releases applied to the simulated cluster {@code dev} as the applier applies them (server-side apply by manager
 * {@code flotilla}), announced on the rendered and applied topics, then changed out of band. Each test has its own
 * release name.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
class DriftTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "flotilla.topic-prefix")
    String topicPrefix;

    KubernetesClient dev;
    final Map<String, KubernetesClient> managers = new HashMap<>();
    final Map<String, Integer> revisions = new HashMap<>();
    KafkaProducer<String, String> producer;
    String app;
    /** The trace of this test's applied events. */
    String traceId;

    @BeforeEach
    void connect() {
        dev = ClustersTestResource.fleet().cluster("dev").client();
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        app = "drift-" + UUID.randomUUID().toString().substring(0, 8);
        traceId = UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void close() {
        producer.close();
        managers.values().forEach(KubernetesClient::close);
    }

    /** A client whose writes the cluster records under this field manager, as it does for kubectl. */
    private KubernetesClient as(String manager) {
        return managers.computeIfAbsent(manager, name -> new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(dev.getConfiguration()).withUserAgent(name + "/v1.31.0").build()).build());
    }

    @Test
    void changedFieldIsReportedWithTheManagerThatChangedIt() {
        release(DriftMode.WARN, List.of(), deployment(2), configMap());
        awaitFollowed();

        as("kubectl-edit").apps().deployments().inNamespace("default").withName(app)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().editTemplate().editSpec()
                        .editFirstContainer().withImage("nginx:evil").endContainer().endSpec().endTemplate().endSpec()
                        .build());

        Map<String, Object> drifted = awaitDriftedObject("Deployment");
        assertThat(drifted.get("fields")).isEqualTo(List.of("/spec/template/spec/containers/0/image"));
        assertThat(drifted).containsEntry("deleted", false).containsEntry("manager", "kubectl-edit");
        assertThat(drifted.get("changedAt")).isNotNull();

        DriftFound published = EventCodec.decode(awaitPublished().value(), DriftFound.class).payload();
        assertThat(published.revision()).isEqualTo(1);
        assertThat(published.objects()).extracting(object -> object.object().kind()).contains("Deployment");
    }

    @Test
    void aNewerRevisionAppliedBeforeItsEventComesIsNoDrift() {
        release(DriftMode.WARN, List.of(), configMap());
        awaitFollowed();

        // The applier applies the next revision, whose event is still on its way; then a person changes a label.
        GenericKubernetesResource next = EventCodec.mapper().convertValue(configMap(), GenericKubernetesResource.class);
        next.getMetadata().setNamespace("default");
        next.setAdditionalProperty("data", Map.of("greeting", "next"));
        dev.resource(next).fieldManager("flotilla").forceConflicts().serverSideApply();
        as("kubectl-edit").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getMetadata().getLabels().put("tier", "db"); return map; });

        Map<String, Object> drifted = awaitDriftedObject("ConfigMap");
        assertThat(drifted.get("fields")).isEqualTo(List.of("/metadata/labels/tier"));
        assertThat(drifted).containsEntry("manager", "kubectl-edit");
    }

    @Test
    void deletedObjectIsReported() {
        release(DriftMode.ENABLED, List.of(), deployment(2), configMap());
        awaitFollowed();

        dev.configMaps().inNamespace("default").withName(app).delete();

        Map<String, Object> drifted = awaitDriftedObject("ConfigMap");
        assertThat(drifted).containsEntry("deleted", true);
        assertThat(drift().get("mode")).isEqualTo("enabled");
    }

    @Test
    void eachDriftFoundCountsOnTheOverviewsPlotOfItsDay() {
        release(DriftMode.WARN, List.of(), configMap());
        awaitFollowed();
        int before = driftFoundToday();

        dev.configMaps().inNamespace("default").withName(app).delete();
        awaitDriftedObject("ConfigMap");

        await().untilAsserted(() -> assertThat(driftFoundToday()).isGreaterThan(before));
    }

    /** Today's bar of the overview's drift plot, as its table says it. */
    private static int driftFoundToday() {
        String page = asAdmin().when().get("/").then().statusCode(200).extract().asString();
        Matcher today = Pattern.compile("<tr><td>" + LocalDate.now(ZoneOffset.UTC) + "</td><td>(\\d+)</td></tr>")
                .matcher(page);
        assertThat(today.find()).as("today's row of the drift plot's table").isTrue();
        return Integer.parseInt(today.group(1));
    }

    @Test
    void ignoredPathsAndReplicasScaledByAnAutoscalerAreNotDrift() {
        release(DriftMode.WARN, List.of(new ReleaseOptions.DriftIgnore(List.of("/metadata/labels"), "ConfigMap", null, null)),
                deployment(2), configMap(), autoscaler());
        awaitFollowed();

        as("kubectl-label").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getMetadata().getLabels().put("tier", "changed"); return map; });
        as("kube-controller-manager").apps().deployments().inNamespace("default").withName(app)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(7).endSpec().build());

        changeTheGreetingAndSeeItAloneDrift();
    }

    @Test
    void replicasSetForAnAutoscalerOutsideTheReleaseAreNotDriftOnceItScalesTheWorkload() {
        scaledToFiveByAnAutoscalerOutsideTheRelease();

        changeTheGreetingAndSeeItAloneDrift();
    }

    @Test
    void replicasAreDriftAgainOnceTheAutoscalerThatScaledTheWorkloadIsDeleted() {
        scaledToFiveByAnAutoscalerOutsideTheRelease();
        changeTheGreetingAndSeeItAloneDrift();

        dev.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").withName(app).delete();

        // Nothing scales the workload now: the 5 replicas the autoscaler's controller left differ from the 2 applied.
        Map<String, Object> drifted = awaitDriftedObject("Deployment");
        assertThat(drifted.get("fields")).isEqualTo(List.of("/spec/replicas"));
        assertThat(drifted).containsEntry("manager", "kube-controller-manager");
    }

    @Test
    void resourcesTheServerWritesOtherwiseAreTheSameAmount() {
        release(DriftMode.WARN, List.of(), deployment(2, Map.of("limits", Map.of("cpu", "1000m", "memory", "1024Mi"))),
                configMap());
        awaitFollowed();

        as("kube-apiserver").apps().deployments().inNamespace("default").withName(app)
                .edit(live -> new DeploymentBuilder(live).editSpec().editTemplate().editSpec().editFirstContainer()
                        .withNewResources().addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi"))
                        .endResources().endContainer().endSpec().endTemplate().endSpec().build());

        changeTheGreetingAndSeeItAloneDrift();
    }

    @Test
    void aFluxV1ReleaseIsWatchedWithoutSayingSo() {
        release(ReleaseFormat.FLUX_V1, null, List.of(), deployment(2), configMap());
        awaitFollowed();

        as("kubectl-edit").apps().deployments().inNamespace("default").withName(app)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().editTemplate().editSpec()
                        .editFirstContainer().withImage("nginx:evil").endContainer().endSpec().endTemplate().endSpec()
                        .build());

        assertThat(awaitDriftedObject("Deployment").get("fields"))
                .isEqualTo(List.of("/spec/template/spec/containers/0/image"));
        assertThat(drift()).containsEntry("mode", null);
        assertThat(EventCodec.decode(awaitPublished().value(), DriftFound.class).payload().revision()).isEqualTo(1);
        assertThat(asAdmin().queryParam("release", app).when().get("/").then().statusCode(200).extract().asString())
                .contains("<td class=\"Ready drifted\"", "<td><a href=\"/releases/dev/default/" + app + "\">",
                        "<td>fleet default</td>");
        assertThat(asAdmin().when().get("/releases/dev/default/" + app).then().statusCode(200).extract().asString())
                .contains("<td>Deployment default/" + app + "</td><td class=\"fields\">"
                        + "<code>/spec/template/spec/containers/0/image</code></td><td>kubectl-edit</td>");
    }

    @Test
    void aManifestFolderIsWatchedWithoutSayingSo() {
        release(ReleaseFormat.MANIFESTS, null, List.of(), deployment(2), configMap());
        awaitFollowed();

        as("kubectl-delete").apps().deployments().inNamespace("default").withName(app).delete();

        assertThat(awaitDriftedObject("Deployment")).containsEntry("deleted", true);
        assertThat(EventCodec.decode(awaitPublished().value(), DriftFound.class).payload().objects())
                .anySatisfy(object -> assertThat(object.deleted()).isTrue());
    }

    @Test
    void aSecretCommittedSopsEncryptedIsNoDriftUntilAValueIsChangedByHand() throws Exception {
        AgeCli.KeyPair key = AgeCli.newKeyPair();
        String password = "sops-password-" + app;
        Map<String, Object> data = Map.of("password", base64(password));
        Map<String, Object> stringData = Map.of("user", "admin");
        String text = SopsWriter.encryptSecret(Map.of("apiVersion", "v1", "kind", "Secret",
                "metadata", Map.of("name", app), "type", "Opaque", "data", data, "stringData", stringData),
                key.recipient());
        Map<String, Object> committed = SopsObjects.withOrigin(
                YAML.readValue(text, new TypeReference<Map<String, Object>>() { }), "apps/db.enc.yaml", text);
        Map<String, Object> rendered = SecretObjects.seal(List.of(committed), TestSecretKeys.RING, "default").get(0);
        // As the applier applies it: decrypted, without its sops metadata, the digests of its values written on it.
        SopsDigests digests = SopsDigests.withKeyRing(TestSecretKeys.RING);
        Map<String, Object> decrypted = Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", app,
                "annotations", Map.of(SopsDigests.ANNOTATION, SopsDigests.annotation(Map.of(
                        "/data/password", digests.of("/data/password", base64(password)),
                        "/stringData/user", digests.of("/stringData/user", "admin"))))),
                "type", "Opaque", "data", data, "stringData", stringData);
        release(ReleaseFormat.FLUX_V2, DriftMode.WARN, List.of(), List.of(rendered, configMap()),
                List.of(decrypted, configMap()));
        awaitFollowed();

        as("kubectl-edit").secrets().inNamespace("default").withName(app)
                .edit(secret -> { secret.getData().put("password", base64("changed-by-hand")); return secret; });

        assertThat(awaitDriftedObject("Secret").get("fields")).isEqualTo(List.of("/data/password"));
        String reported = asAdmin().when().get("/api/drift").then().statusCode(200).extract().asString();
        assertThat(reported).doesNotContain(password, base64(password), "changed-by-hand", base64("changed-by-hand"));
    }

    @Test
    void disabledDetectionReportsNothing() {
        String disabled = app;
        release(DriftMode.WARN, List.of(), deployment(2), configMap());
        awaitFollowed();
        as("kubectl-edit").apps().deployments().inNamespace("default").withName(disabled)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(4).endSpec().build());
        awaitDriftedObject("Deployment");
        String witness = "drift-" + UUID.randomUUID().toString().substring(0, 8);
        app = witness;
        release(DriftMode.WARN, List.of(), configMap());
        awaitFollowed();

        app = disabled;
        release(DriftMode.DISABLED, List.of(), configMap());
        // The disabled revision was taken: the drift of the one before (its Deployment, which this revision does
        // not apply again) is gone with it.
        await().untilAsserted(() -> assertThat(names()).doesNotContain(disabled));
        as("kubectl-edit").configMaps().inNamespace("default").withName(disabled)
                .edit(map -> { map.getData().put("greeting", "changed again"); return map; });
        // The ConfigMaps of the cluster come through one watch, in order: once the witness's later change shows,
        // the disabled release's change has been seen, and let be.
        app = witness;
        as("kubectl-edit").configMaps().inNamespace("default").withName(witness)
                .edit(map -> { map.getData().put("greeting", "changed"); return map; });
        awaitDriftedObject("ConfigMap");

        assertThat(names()).doesNotContain(disabled);
    }

    @Test
    void aChangeAfterTheObserverRestartsIsFoundInTheTraceOfTheAppliedRelease() {
        release(DriftMode.WARN, List.of(), deployment(2), configMap());
        awaitFollowed();

        restartDriftWatch(() -> { });
        as("kubectl-edit").apps().deployments().inNamespace("default").withName(app)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().editTemplate().editSpec()
                        .editFirstContainer().withImage("nginx:evil").endContainer().endSpec().endTemplate().endSpec()
                        .build());

        assertThat(awaitDriftedObject("Deployment").get("fields"))
                .isEqualTo(List.of("/spec/template/spec/containers/0/image"));
        assertThat(FlotillaTopics.header(awaitPublished(), "traceparent")).startsWith("00-" + traceId + "-");
    }

    @Test
    void driftPutBackWhileTheObserverWasDownIsGoneAfterTheRestart() {
        release(DriftMode.WARN, List.of(), configMap());
        awaitFollowed();
        as("kubectl-edit").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getData().put("greeting", "changed"); return map; });
        awaitDriftedObject("ConfigMap");

        restartDriftWatch(() -> as("kubectl-edit").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getData().put("greeting", "hello"); return map; }));

        await().untilAsserted(() -> assertThat(names()).doesNotContain(app));
    }

    @Test
    void aRevisionRenderedBeforeARestartAndAppliedAfterIsFollowed() {
        release(DriftMode.WARN, List.of(), configMap());
        awaitFollowed();
        Map<String, Object> extra = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", app + "-extra"), "data", Map.of("greeting", "hello too"));
        List<Map<String, Object>> next = List.of(configMap(), extra);
        Envelope<ReleaseRendered> rendered = rendered(ReleaseFormat.FLUX_V2, DriftMode.WARN, List.of(), next);
        send("rendered", rendered, Map.of());
        await().untilAsserted(() -> assertThat(asAdmin().when().get("/api/releases/dev/default/" + app + "/history")
                .then().statusCode(200).extract().jsonPath().getList("type", String.class))
                .filteredOn("ReleaseRendered"::equals).hasSize(2));

        // The observer that read the rendering stops; its applied event is read after (by a new one, or another).
        restartDriftWatch(() -> applied(rendered, next));
        dev.configMaps().inNamespace("default").withName(app + "-extra").delete();

        Map<String, Object> drifted = awaitDriftedObject("ConfigMap");
        assertThat(drifted).containsEntry("deleted", true);
        assertThat(drifted.get("object")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("name",
                app + "-extra");
        assertThat(drift()).containsEntry("revision", 2);
    }

    @Test
    void driftFoundContinuesTheTraceOfTheAppliedRelease() {
        release(DriftMode.WARN, List.of(), deployment(2), configMap());
        awaitFollowed();

        as("kubectl-edit").apps().deployments().inNamespace("default").withName(app)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(4).endSpec().build());

        assertThat(FlotillaTopics.header(awaitPublished(), "traceparent")).startsWith("00-" + traceId + "-");
    }

    /**
     * Stops the drift watch as a shutdown stops it, runs {@code whileDown}, then starts a new one, which knows only
     * what the observer stored: the topics are not read again.
     */
    private static void restartDriftWatch(Runnable whileDown) {
        InjectableBean<DriftWatch> bean = Arc.container().instance(DriftWatch.class).getBean();
        Arc.container().getActiveContext(ApplicationScoped.class).destroy(bean);
        whileDown.run();
        ClientProxy.unwrap(Arc.container().instance(DriftWatch.class).get());
    }

    /**
     * Changes the ConfigMap's greeting out of band and waits until that change alone is the release's drift: the
     * changes made before it were seen, and let be.
     */
    @SuppressWarnings("unchecked")
    private void changeTheGreetingAndSeeItAloneDrift() {
        as("kubectl-edit").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getData().put("greeting", "changed"); return map; });
        await().untilAsserted(() -> {
            Map<String, Object> drift = drift();
            assertThat(drift).isNotNull();
            assertThat((List<Map<String, Object>>) drift.get("objects")).singleElement().satisfies(object -> {
                assertThat(((Map<String, Object>) object.get("object")).get("kind")).isEqualTo("ConfigMap");
                assertThat(object.get("fields")).isEqualTo(List.of("/data/greeting"));
            });
        });
    }

    /**
     * The release's Deployment (2 replicas) and ConfigMap, applied and followed; then an autoscaler created apart from
     * the release, whose controller scales the Deployment to 5.
     */
    private void scaledToFiveByAnAutoscalerOutsideTheRelease() {
        release(DriftMode.WARN, List.of(), deployment(2), configMap());
        awaitFollowed();
        dev.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(app).endMetadata().withNewSpec().withNewScaleTargetRef()
                .withApiVersion("apps/v1").withKind("Deployment").withName(app).endScaleTargetRef()
                .withMinReplicas(2).withMaxReplicas(10).endSpec().build()).create();
        as("kube-controller-manager").apps().deployments().inNamespace("default").withName(app)
                .edit(deployment -> new DeploymentBuilder(deployment).editSpec().withReplicas(5).endSpec().build());
    }

    /** A Flux v2 release naming its drift detection mode, applied. */
    @SafeVarargs
    private void release(DriftMode mode, List<ReleaseOptions.DriftIgnore> ignore, Map<String, Object>... objects) {
        release(ReleaseFormat.FLUX_V2, mode, ignore, objects);
    }

    /**
     * The objects applied as the applier applies them, then the events saying so.
     *
     * @param mode what the release says of drift; null when it says nothing (Flux v1, manifest folders)
     */
    @SafeVarargs
    private void release(ReleaseFormat format, DriftMode mode, List<ReleaseOptions.DriftIgnore> ignore,
            Map<String, Object>... objects) {
        release(format, mode, ignore, List.of(objects), List.of(objects));
    }

    /**
     * @param rendered the objects as the renderer sent them
     * @param applied  the same objects as the applier applied them
     */
    private void release(ReleaseFormat format, DriftMode mode, List<ReleaseOptions.DriftIgnore> ignore,
            List<Map<String, Object>> rendered, List<Map<String, Object>> applied) {
        Envelope<ReleaseRendered> renderedEvent = rendered(format, mode, ignore, rendered);
        send("rendered", renderedEvent, Map.of());
        applied(renderedEvent, applied);
    }

    /** The next revision of the release as the renderer sends it. */
    private Envelope<ReleaseRendered> rendered(ReleaseFormat format, DriftMode mode,
            List<ReleaseOptions.DriftIgnore> ignore, List<Map<String, Object>> objects) {
        int revision = revisions.merge(app, 1, Integer::sum);
        ReleaseOptions options = ReleaseOptions.builder().driftDetection(mode).driftIgnore(ignore).build();
        return Envelope.first("renderer", ReleaseRendered.builder().release(new ReleaseKey("dev", "default", app))
                .format(format).repository("/srv/fleet").sourceSha("c0ffee1").sourceFile("releases/dev/app.yaml")
                .chart("hello", "1.0.0").chartDigest("chart").valuesDigest("values").inputDigest("input-" + revision)
                .objects(objects).options(options).build());
    }

    /** The objects applied as the applier applies them, then the event saying so, of the latest revision. */
    private void applied(Envelope<ReleaseRendered> rendered, List<Map<String, Object>> objects) {
        List<ObjectResult> results = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            GenericKubernetesResource typed = EventCodec.mapper().convertValue(object, GenericKubernetesResource.class);
            typed.getMetadata().setNamespace("default");
            dev.resource(typed).fieldManager("flotilla").forceConflicts().serverSideApply();
            results.add(ObjectResult.applied(new ObjectRef(typed.getApiVersion(), typed.getKind(), "default",
                    typed.getMetadata().getName())));
        }
        ReleaseKey key = rendered.payload().release();
        Envelope<ReleaseApplied> appliedEvent = Envelope.causedBy(rendered, "applier", new ReleaseApplied(key,
                revisions.get(app), Outcome.Ready, "c0ffee1", "releases/dev/app.yaml", "hello", "1.0.0",
                rendered.payload().inputDigest(), results, 40, Instant.now(), null));
        // As the applier sends it: in the trace of the commit.
        send("applied", appliedEvent, Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-00"));
    }

    /** The release is followed once a change of its own shows as drift; that change is then put back. */
    private void awaitFollowed() {
        as("probe").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getData().put("probe", "x"); map.getData().remove("greeting"); return map; });
        awaitDriftedObject("ConfigMap");
        as("probe").configMaps().inNamespace("default").withName(app)
                .edit(map -> { map.getData().remove("probe"); map.getData().put("greeting", "hello"); return map; });
        await().untilAsserted(() -> assertThat(names()).doesNotContain(app));
    }

    private Map<String, Object> deployment(int replicas) {
        return deployment(replicas, Map.of());
    }

    private Map<String, Object> deployment(int replicas, Map<String, Object> resources) {
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", app, "labels", Map.of("app", app)),
                "spec", Map.of("replicas", replicas, "selector", Map.of("matchLabels", Map.of("app", app)),
                        "template", Map.of("metadata", Map.of("labels", Map.of("app", app)),
                                "spec", Map.of("containers", List.of(Map.of("name", "app", "image", "nginx:1.27",
                                        "ports", List.of(Map.of("containerPort", 80)), "resources", resources))))));
    }

    private Map<String, Object> configMap() {
        return Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", app, "labels", Map.of("tier", "web")),
                "data", Map.of("greeting", "hello"));
    }

    private Map<String, Object> autoscaler() {
        return Map.of("apiVersion", "autoscaling/v2", "kind", "HorizontalPodAutoscaler",
                "metadata", Map.of("name", app),
                "spec", Map.of("minReplicas", 2, "maxReplicas", 10, "scaleTargetRef",
                        Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", app)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(String topic, Envelope<?> envelope, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topicPrefix + topic, envelope.key(),
                EventCodec.encode(envelope));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
        producer.flush();
    }

    private List<String> names() {
        return asAdmin().when().get("/api/drift").then().statusCode(200).extract().jsonPath().getList("name", String.class);
    }

    private Map<String, Object> drift() {
        List<Map<String, Object>> all = asAdmin().when().get("/api/drift").then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(drift -> app.equals(drift.get("name"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitDriftedObject(String kind) {
        return await().until(() -> {
            Map<String, Object> drift = drift();
            if (drift == null) {
                return null;
            }
            return ((List<Map<String, Object>>) drift.get("objects")).stream()
                    .filter(object -> kind.equals(((Map<String, Object>) object.get("object")).get("kind")))
                    .findFirst().orElse(null);
        }, found -> found != null);
    }

    /** The first DriftFound published about this test's release that names its Deployment. */
    private ConsumerRecord<String, String> awaitPublished() {
        String key = new ReleaseKey("dev", "default", app).toString();
        FlotillaTopics topics = new FlotillaTopics(bootstrapServers, topicPrefix);
        return await().until(() -> topics.all(Topic.DRIFT).stream()
                .filter(record -> key.equals(record.key()))
                .filter(record -> EventCodec.decode(record.value(), DriftFound.class).payload().objects().stream()
                        .anyMatch(object -> object.object().kind().equals("Deployment")))
                .findFirst().orElse(null), record -> record != null);
    }
}
