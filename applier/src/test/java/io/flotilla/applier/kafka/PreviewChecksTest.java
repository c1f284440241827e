package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.encoded;
import static io.flotilla.applier.Manifests.secret;
import static io.flotilla.applier.Manifests.object;
import static io.flotilla.applier.Renders.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.Renders;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewChecked.Change;
import io.flotilla.events.PreviewChecked.ObjectChange;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewRendered;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Tenant;
import io.flotilla.events.Topic;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A preview's renderings checked against a simulated cluster on a real broker and PostgreSQL: each object as the
 * API server's dry run would leave it, what it refuses with its reason, what a tenant may not do, what a removal
 * deletes; the cluster's objects and the release's history are as they were afterwards.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ClustersTestResource.class)
class PreviewChecksTest {

    private static final PreviewKey PREVIEW = PreviewKey.ofPullRequest("/repos/fleet", "rework-shop", 12);
    private static final Tenant TEAM_A = new Tenant("team-a", List.of("team-a"), List.of("ConfigMap"), "team-a",
            "flotilla-tenant-team-a");

    private static Topics topics;
    private static FlotillaTopics previews;
    private static TopicFollower results;

    @Inject
    ReleaseHistory history;

    @BeforeAll
    static void connect() {
        topics = Topics.ofService();
        previews = new FlotillaTopics(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConfigProvider.getConfig().getValue("flotilla.topic-prefix", String.class));
        results = previews.follow(Topic.PREVIEW_RESULTS);
    }

    @AfterAll
    static void disconnect() {
        results.close();
        previews.close();
        topics.close();
    }

    @Test
    void aPreviewShowsEachChangeAndWhatTheApiServerRefusesAndTheClusterAndHistoryStayAsTheyWere() {
        ReleaseKey shop = new ReleaseKey("dev", "previewing", "shop");
        topics.publish(ordered(Renders.chart(shop, "shop-1", List.of(
                configMap("shop-settings", null, Map.of("color", "blue")),
                configMap("shop-legacy", null, Map.of()),
                secret("shop-password", "first-password"))), 1));
        topics.awaitOutcome(shop, Outcome.Ready);
        ReleaseState before = history.state(shop).orElseThrow();

        PreviewChecked checked = check(Renders.chart(shop, "shop-pr", List.of(
                configMap("shop-settings", null, Map.of("color", "green")),
                configMap("stray", "nowhere", Map.of("c", "3")),
                configMap("shop-extra", null, Map.of("new", "yes")),
                secret("shop-password", "second-password"))));

        assertThat(checked.error()).isNull();
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.objects()).extracting(object -> object.object().name(), ObjectChange::change,
                ObjectChange::fields).containsExactlyInAnyOrder(
                        tuple("shop-settings", Change.UPDATE, List.of("data.color")),
                        tuple("stray", Change.REFUSED, List.of()),
                        tuple("shop-extra", Change.CREATE, List.of()),
                        tuple("shop-password", Change.UPDATE, List.of("data.password")),
                        tuple("shop-legacy", Change.DELETE, List.of()));
        assertThat(checked.objects()).filteredOn(object -> object.change() == Change.REFUSED).singleElement()
                .extracting(ObjectChange::reason).asString().contains("namespaces \"nowhere\" not found");
        assertThat(results.records(Topic.PREVIEW_RESULTS)).extracting(record -> record.value())
                .as("a Secret's values never travel").noneMatch(value -> value.contains(encoded("second-password"))
                        || value.contains(encoded("first-password")) || value.contains("second-password"));
        assertThat(dev().configMaps().inNamespace("previewing").withName("shop-settings").get().getData())
                .as("nothing written").containsEntry("color", "blue");
        assertThat(dev().configMaps().inNamespace("previewing").withName("shop-extra").get()).isNull();
        assertThat(dev().configMaps().inNamespace("previewing").withName("shop-legacy").get()).isNotNull();
        assertThat(new String(Base64.getDecoder().decode(dev().secrets().inNamespace("previewing")
                .withName("shop-password").get().getData().get("password")))).isEqualTo("first-password");
        assertThat(history.state(shop)).as("the applier's history untouched").contains(before);

        PreviewChecked removed = check(Renders.removed(shop));

        assertThat(removed.error()).isNull();
        assertThat(removed.objects()).extracting(object -> object.object().name(), ObjectChange::change)
                .containsExactlyInAnyOrder(tuple("shop-settings", Change.DELETE), tuple("shop-legacy", Change.DELETE),
                        tuple("shop-password", Change.DELETE));
        assertThat(dev().configMaps().inNamespace("previewing").withName("shop-settings").get()).isNotNull();
    }

    @Test
    void aTenantsReleaseReachingOutsideItsNamespacesAndKindsListsEachViolation() {
        ReleaseKey web = new ReleaseKey("dev", "team-a", "web");
        ReleaseRendered rendering = Renders.chart(web, "web-pr", List.of(
                configMap("web-settings", null, Map.of("a", "1")),
                configMap("elsewhere", "kube-system", Map.of()),
                object("v1", "Secret", "web-token", null)))
                .toBuilder().tenant(TEAM_A).build();

        PreviewChecked checked = check(rendering);

        assertThat(checked.error()).isNull();
        assertThat(checked.objects()).as("the apply refuses the whole release on its tenant's rules: each broken rule"
                + " is a refused object").extracting(object -> object.object().name(), ObjectChange::change)
                .containsExactlyInAnyOrder(tuple("elsewhere", Change.REFUSED), tuple("web-token", Change.REFUSED));
        assertThat(checked.objects()).extracting(ObjectChange::reason).allSatisfy(reason -> assertThat(reason)
                .startsWith("releases/dev/web.yaml (rendered object #").contains(": rule "));
        assertThat(checked.violations()).hasSize(2);
        assertThat(checked.violations()).anySatisfy(violation -> assertThat(violation)
                .contains("rule namespace").contains("kube-system"));
        assertThat(checked.violations()).anySatisfy(violation -> assertThat(violation)
                .contains("rule kind").contains("Secret"));
        assertThat(dev().configMaps().inNamespace("kube-system").withName("elsewhere").get()).isNull();
    }

    @Test
    void aClusterNotInTheFleetIsTheChecksErrorAndTheNextReleaseIsChecked() {
        PreviewChecked unknown = check(Renders.chart(new ReleaseKey("atlantis", "apps", "web"), "atlantis-pr",
                List.of(configMap("web", null, Map.of()))));
        PreviewChecked next = check(Renders.chart(new ReleaseKey("dev", "previewing-next", "api"), "api-pr",
                List.of(configMap("api", null, Map.of()))));

        assertThat(unknown.error()).contains("atlantis");
        assertThat(unknown.objects()).isEmpty();
        assertThat(next.error()).isNull();
        assertThat(next.objects()).as("created with the namespace the release creates")
                .extracting(object -> object.object().name(), ObjectChange::change)
                .containsExactly(tuple("api", Change.CREATE));
        assertThat(dev().configMaps().inNamespace("previewing-next").withName("api").get()).isNull();
    }

    /** Publishes the rendering as the renderer publishes a preview's, and waits for the applier's check of it. */
    private static PreviewChecked check(ReleaseRendered rendering) {
        Envelope<PreviewRendered> sent = previews.publish("renderer", new PreviewRendered(PREVIEW, "pr-sha",
                rendering));
        return results.await(PreviewChecked.class, envelope -> envelope.correlationId().equals(sent.correlationId())
                && envelope.payload().release().equals(rendering.release())).payload();
    }

    private static KubernetesClient dev() {
        return ClustersTestResource.fleet().cluster("dev").client();
    }
}
