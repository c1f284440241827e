package io.flotilla.registrysecrets.cluster;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.clusters.CredentialSeal;
import io.flotilla.clusters.Fleet;
import io.flotilla.events.Envelope;
import io.flotilla.events.PullSecretsSynced;
import io.flotilla.events.Topic;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.messaging.share.PartitionShares;
import io.flotilla.registrysecrets.fleetseed.FleetSeeds;
import io.flotilla.registrysecrets.kafka.PullSecretsPublisher;
import io.flotilla.registrysecrets.pullsecret.ClusterCoverage;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.WithTestResource;
import io.vertx.core.Vertx;

/**
 * Two instances over one fleet and one pullsecrets topic: the service ({@code A}, seen through its API) and a second
 * one ({@code B}) built in the test from the same parts, with a fleet and coverage of its own, as a second pod has.
 * Each cluster is kept by one of them: synced, shown and published by it alone; a rotation reaches every cluster,
 * each through its keeper; when B stops, A takes its clusters and their new namespaces get their copies.
 */
@QuarkusTest
@TestProfile(TwoInstancesTest.Split.class)
@WithTestResource(SplitFleetResource.class)
@WithTestResource(KafkaTestResource.class)
class TwoInstancesTest {

    /** Topics of their own, so that every pullsecrets record here is this test's. */
    public static class Split implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flotilla.topic-prefix", "flotilla-registry-split.");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Several syncs of every cluster, and several heartbeats of the share. */
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final String COPY = SplitFleetResource.SEED + "-registrycreds";

    @Inject
    PullSecretWatches instanceA;
    @Inject
    FleetSeeds fleetSeeds;
    @Inject
    PullSecretsPublisher pullSecrets;
    @Inject
    PartitionShares shares;
    @Inject
    KeyRing ring;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "flotilla.clusters.kubeconfig")
    Optional<Path> kubeconfig;
    @ConfigProperty(name = "flotilla.pull-secrets.retry")
    Duration retry;
    @ConfigProperty(name = "flotilla.pull-secrets.resync")
    Duration resync;
    @ConfigProperty(name = "flotilla.pull-secrets.exclude-namespaces")
    Optional<Set<String>> excluded;
    @ConfigProperty(name = "flotilla.pull-secrets.share-group")
    String shareGroup;

    FleetCoverage coverageOfB;
    PullSecretWatches instanceB;

    @BeforeEach
    void startTheSecondInstance() {
        coverageOfB = new FleetCoverage(pullSecrets);
        instanceB = new PullSecretWatches(new Fleet(CredentialSeal.with(ring, Optional.empty())), fleetSeeds,
                kubeconfig, retry, resync, excluded, coverageOfB, vertx, shares, shareGroup,
                new SimpleMeterRegistry());
        instanceB.start(null);
        instanceB.joinShare(null);
    }

    @AfterEach
    void stopTheSecondInstance() {
        instanceB.stop();
    }

    @Test
    void eachClusterIsKeptByOneInstanceWhichAloneSyncsShowsAndPublishesIt() throws Exception {
        awaitSplit();
        await().atMost(WAIT).untilAsserted(() -> SplitFleetResource.names().forEach(cluster ->
                assertThat(copy(cluster, "default")).as("copy in %s", cluster).isNotNull()));
        Set<String> keptByA = instanceA.owned();
        Set<String> keptByB = instanceB.owned();

        try (FlotillaTopics topics = FlotillaTopics.ofService();
                TopicFollower published = topics.follow(Topic.PULLSECRETS)) {
            SplitFleetResource.writeSeed("pw-rotated");
            SplitFleetResource.names().forEach(cluster -> createNamespace(cluster, "added-while-split"));

            await().atMost(WAIT).untilAsserted(() -> SplitFleetResource.names().forEach(cluster -> {
                assertThat(password(copy(cluster, "default"))).as("rotated in %s", cluster).isEqualTo("pw-rotated");
                assertThat(password(copy(cluster, "added-while-split"))).as("copy in %s", cluster)
                        .isEqualTo("pw-rotated");
            }));
            // Each cluster shown by its keeper only, covered in full, while the syncs go on.
            await().during(QUIET).atMost(QUIET.multipliedBy(4)).untilAsserted(() -> {
                assertThat(shownByA()).containsExactlyInAnyOrderElementsOf(keptByA);
                assertThat(coverageOfB.clusters()).extracting(ClusterCoverage::cluster)
                        .containsExactlyInAnyOrderElementsOf(keptByB);
                assertThat(instanceA.owned()).isEqualTo(keptByA);
                assertThat(instanceB.owned()).isEqualTo(keptByB);
            });
            // Each cluster's final coverage (rotated, the new namespace covered) published once: by its keeper.
            for (String cluster : SplitFleetResource.names()) {
                List<PullSecretsSynced> ofCluster = published.events(PullSecretsSynced.class).stream()
                        .map(Envelope::payload).filter(synced -> synced.cluster().equals(cluster)).toList();
                PullSecretsSynced last = ofCluster.get(ofCluster.size() - 1);
                assertThat(last.pullSecrets()).singleElement().satisfies(coverage -> {
                    assertThat(coverage.stale()).isEmpty();
                    assertThat(coverage.namespacesCovered()).isEqualTo(coverage.namespacesTotal());
                });
                assertThat(ofCluster).as("coverages of %s as it ends", cluster)
                        .filteredOn(synced -> synced.pullSecrets().equals(last.pullSecrets())).hasSize(1);
            }
        }
    }

    @Test
    void whenAnInstanceStopsTheOtherKeepsItsClustersAtOnce() {
        awaitSplit();
        Set<String> keptByB = instanceB.owned();

        instanceB.stop();

        await().atMost(WAIT).until(() -> instanceA.owned().equals(Set.copyOf(SplitFleetResource.names())));
        keptByB.forEach(cluster -> createNamespace(cluster, "after-b-stopped"));
        await().atMost(WAIT).untilAsserted(() -> {
            keptByB.forEach(cluster -> assertThat(copy(cluster, "after-b-stopped")).as("copy in %s", cluster)
                    .isNotNull());
            assertThat(shownByA()).containsExactlyInAnyOrderElementsOf(SplitFleetResource.names());
        });
    }

    /** Every cluster kept by exactly one instance, each instance keeping some. */
    private void awaitSplit() {
        await().atMost(WAIT).untilAsserted(() -> {
            Set<String> keptByA = instanceA.owned();
            Set<String> keptByB = instanceB.owned();
            assertThat(keptByB).isNotEmpty();
            assertThat(keptByA).isNotEmpty().doesNotContainAnyElementsOf(keptByB);
            Set<String> both = new HashSet<>(keptByA);
            both.addAll(keptByB);
            assertThat(both).containsExactlyInAnyOrderElementsOf(SplitFleetResource.names());
        });
    }

    private static List<String> shownByA() {
        return asAdmin().get("/api/pull-secrets").then().statusCode(200).extract().jsonPath()
                .getList("cluster", String.class);
    }

    private static KubernetesClient client(String cluster) {
        return SplitFleetResource.clusters().cluster(cluster).client();
    }

    private static void createNamespace(String cluster, String name) {
        client(cluster).namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build()).create();
    }

    private static Secret copy(String cluster, String namespace) {
        return client(cluster).secrets().inNamespace(namespace).withName(COPY).get();
    }

    private static String password(Secret copy) {
        if (copy == null) {
            return null;
        }
        String config = new String(Base64.getDecoder().decode(copy.getData().get(".dockerconfigjson")),
                StandardCharsets.UTF_8);
        return config.replaceFirst("(?s).*\"password\":\"([^\"]*)\".*", "$1");
    }
}
