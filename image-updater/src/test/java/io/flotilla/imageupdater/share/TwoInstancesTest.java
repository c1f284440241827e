package io.flotilla.imageupdater.share;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.Topic;
import io.flotilla.git.GitCredentials;
import io.flotilla.imageupdater.automation.CommitLane;
import io.flotilla.imageupdater.automation.FollowedImages;
import io.flotilla.imageupdater.automation.ScanLoop;
import io.flotilla.imageupdater.automation.TagTopic;
import io.flotilla.imageupdater.registry.ImagePusher;
import io.flotilla.imageupdater.registry.NotifyingRegistry;
import io.flotilla.imageupdater.registry.RegistryClients;
import io.flotilla.imageupdater.scan.ScanKey;
import io.flotilla.imageupdater.scan.ScanSchedule;
import io.flotilla.imageupdater.signature.TagVerification;
import io.flotilla.imageupdater.source.SourceRepositories;
import io.flotilla.messaging.share.PartitionShare;
import io.flotilla.messaging.share.PartitionShares;
import io.flotilla.testing.fixtures.ImagePolicyYaml;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;

/**
 * Two image-updaters over one commits topic, one images topic and one registry (Debian's docker-registry, notifying
 * its pushes to the service's webhook): the service ({@code A}, seen through its API and receiving every webhook)
 * and a second one ({@code B}) built in the test from the same parts, reading the same commits, as a second pod has.
 * Each repository is scanned by one of them and each new tag published once; a push to one of B's repositories is
 * passed on to B; when B stops, A scans its repositories.
 */
@QuarkusTest
@TestProfile(TwoInstancesTest.Split.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PushNoticesResource.class)
class TwoInstancesTest {

    /** Topics of their own, so that every tag found here is this test's. */
    public static class Split implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("flotilla.topic-prefix", "flotilla-images-split.");
        }
    }

    private static final String HOOK_SECRET = "registry-hook-secret";
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration QUIET = Duration.ofSeconds(4);
    private static final int PARTITIONS = 6;

    private static NotifyingRegistry registry;
    private static ImagePusher pusher;

    @Inject
    ScanLoop scansOfA;
    @Inject
    ScanShare shareOfA;
    @Inject
    RegistryClients registries;
    @Inject
    TagVerification verification;
    @Inject
    TagTopic tags;
    @Inject
    PartitionShares shares;
    @Inject
    GitCredentials credentials;
    @Inject
    Vertx vertx;
    @ConfigProperty(name = "flotilla.images.scan-interval")
    Duration interval;
    @ConfigProperty(name = "flotilla.images.republish-after")
    Duration republishAfter;
    @ConfigProperty(name = "flotilla.images.retry-first-pause")
    Duration firstPause;
    @ConfigProperty(name = "flotilla.images.retry-longest-pause")
    Duration longestPause;
    @ConfigProperty(name = "flotilla.images.share-group")
    String shareGroup;
    @ConfigProperty(name = "flotilla.images.push-notices.url")
    Optional<String> notices;

    @TempDir
    Path temp;

    ScanShare shareOfB;
    ScanLoop scansOfB;
    CommitLane commitsOfB;
    FlotillaTopics topics;
    TopicFollower images;

    @BeforeEach
    void startTheSecondInstance() {
        if (registry == null) {
            registry = NotifyingRegistry.start("http://127.0.0.1:" + RestAssured.port + "/hooks/registry", HOOK_SECRET);
            pusher = new ImagePusher(registry.host());
        }
        shareOfB = new ScanShare(shares, shareGroup);
        scansOfB = new ScanLoop(new FollowedImages(interval, republishAfter, Set.of()),
                new ScanSchedule(firstPause, longestPause), registries, verification, tags, new SimpleMeterRegistry(),
                Clock.systemUTC(), 2, shareOfB, new PushNotices(vertx, notices, Optional.empty(),
                Optional.empty()));
        scansOfB.start(Duration.ofSeconds(1));
        commitsOfB = new CommitLane(new SourceRepositories(temp.resolve("sources-of-b"), credentials), scansOfB,
                firstPause, longestPause);
        topics = FlotillaTopics.ofService();
        images = topics.follow(Topic.IMAGES);
        await().atMost(Duration.ofSeconds(60)).until(() -> !shareOfA.partitions().isEmpty()
                && !shareOfB.partitions().isEmpty()
                && shareOfA.partitions().size() + shareOfB.partitions().size() == PARTITIONS);
    }

    @AfterEach
    void stopTheSecondInstance() {
        topics.close();
        commitsOfB.close();
        scansOfB.close();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void eachRepositoryIsScannedByOneInstanceAndEachNewTagPublishedOnce() {
        List<String> repositories = onePerPartition("split");
        repositories.forEach(name -> pusher.push(name, "1.0.0", MONDAY));
        commitPolicies(repositories);

        awaitSplit(repositories);
        awaitEachPublishedOnce(repositories, "1.0.0");
        JsonPath automations = asAdmin().get("/api/automations").then().statusCode(200).extract().jsonPath();
        for (String name : repositories) {
            String image = registry.host() + "/" + name;
            assertThat(automations.getBoolean("find { it.image == '" + image + "' }.scannedHere")).as(image)
                    .isEqualTo(shareOfA.owns(image)).isNotEqualTo(shareOfB.owns(image));
        }

        // The registry tells A of every push; those of B's repositories are passed on to B.
        repositories.forEach(name -> pusher.push(name, "1.1.0", MONDAY.plusSeconds(60)));

        awaitEachPublishedOnce(repositories, "1.1.0");
    }

    @Test
    void theRepositoriesOfAnInstanceThatStopsAreScannedByTheOther() {
        List<String> repositories = onePerPartition("handed-over");
        repositories.forEach(name -> pusher.push(name, "1.0.0", MONDAY));
        commitPolicies(repositories);
        awaitSplit(repositories);
        awaitEachPublishedOnce(repositories, "1.0.0");
        List<String> ofB = repositories.stream().filter(name -> shareOfB.owns(registry.host() + "/" + name))
                .toList();

        scansOfB.close();

        await().atMost(Duration.ofSeconds(60)).until(() -> scansOfA.owned().stream()
                .map(key -> key.repository().toString()).toList()
                .containsAll(repositories.stream().map(name -> registry.host() + "/" + name).toList()));
        ofB.forEach(name -> pusher.push(name, "1.2.0", MONDAY.plusSeconds(120)));
        ofB.forEach(name -> images.await(ImageTagFound.class, found -> found.payload().tag().equals("1.2.0")
                && found.payload().repository().equals(registry.host() + "/" + name)));
    }

    /** Every repository scanned by exactly one instance, each instance scanning some. */
    private void awaitSplit(List<String> repositories) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<ScanKey> ofA = scansOfA.owned();
            Set<ScanKey> ofB = scansOfB.owned();
            assertThat(ofB).isNotEmpty();
            assertThat(ofA).isNotEmpty().doesNotContainAnyElementsOf(ofB);
            Set<String> both = new HashSet<>();
            ofA.forEach(key -> both.add(key.repository().toString()));
            ofB.forEach(key -> both.add(key.repository().toString()));
            assertThat(both).containsAll(repositories.stream().map(name -> registry.host() + "/" + name).toList());
        });
    }

    /** Each repository's tag found, then, several scans' time later, found once: by one instance, not by both. */
    private void awaitEachPublishedOnce(List<String> repositories, String tag) {
        repositories.forEach(name -> images.await(ImageTagFound.class, found -> found.payload().tag().equals(tag)
                && found.payload().repository().equals(registry.host() + "/" + name)));
        await().during(QUIET).atMost(QUIET.multipliedBy(4)).untilAsserted(() -> {
            for (String name : repositories) {
                assertThat(images.events(ImageTagFound.class)).as("%s:%s found", name, tag)
                        .filteredOn(found -> found.payload().tag().equals(tag)
                                && found.payload().repository().equals(registry.host() + "/" + name))
                        .hasSize(1);
            }
        });
    }

    /** One repository under {@code prefix} on each partition of the images topic, so that each instance has some. */
    private static List<String> onePerPartition(String prefix) {
        Map<Integer, String> names = new TreeMap<>();
        for (int n = 0; names.size() < PARTITIONS; n++) {
            String name = prefix + "/app-" + n;
            names.putIfAbsent(PartitionShare.partitionOf(registry.host() + "/" + name, PARTITIONS), name);
        }
        return new ArrayList<>(names.values());
    }

    /** An ImageRepository and ImagePolicy for each, committed and read by both instances, as the topic brings it. */
    private void commitPolicies(List<String> repositories) {
        GitRepo repo = GitRepo.init(temp.resolve("fleet"));
        for (String name : repositories) {
            String file = name.replace('/', '-');
            repo.write("flux-system/" + file + ".yaml", ImagePolicyYaml.alphabetical(file, registry.host() + "/" + name));
        }
        String sha = repo.commit("image policies");
        repo.close();
        CommitDetected commit = new CommitDetected(repo.dir().toString(), GitRepo.BRANCH, sha, null, List.of(),
                "Flotilla Tests", "image policies", Instant.now());
        topics.publish(Envelope.first("git-watcher", commit));
        commitsOfB.offer(commit);
    }
}
