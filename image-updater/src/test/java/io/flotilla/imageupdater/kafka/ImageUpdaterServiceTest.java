package io.flotilla.imageupdater.kafka;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.events.ImageTagFound.ImageEdit;
import io.flotilla.events.ImageTagFound;
import io.flotilla.events.Topic;
import io.flotilla.imageupdater.registry.GuardedFront;
import io.flotilla.imageupdater.registry.ImagePusher;
import io.flotilla.imageupdater.registry.NotifyingRegistry;
import io.flotilla.imageupdater.signature.CosignKeyResource;
import io.flotilla.imageupdater.signature.CosignSigner;
import io.flotilla.imageupdater.source.PrivateFleetResource;
import io.flotilla.testing.fixtures.ImagePolicyYaml;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.kafka.FlotillaTopics;
import io.flotilla.testing.kafka.TopicFollower;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The image-updater as a service: commits from Kafka, a real registry (Debian's docker-registry) notifying its
 * pushes to {@code /hooks/registry}, images pushed over its API, a real Git repository, and the tags found read
 * back from the images topic and {@code /api/automations}. Repositories are scanned once when first followed,
 * then only when a webhook says so (the test profile's interval is an hour). Repositories under {@code signed/} must
 * carry cosign signatures made with the key of {@link CosignKeyResource}. The private repositories of
 * {@link PrivateFleetResource} are fetched with the Secret configured for them.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CosignKeyResource.class)
@QuarkusTestResource(PrivateFleetResource.class)
class ImageUpdaterServiceTest {

    private static final String HOOK_SECRET = "registry-hook-secret";
    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

    private static NotifyingRegistry registry;
    private static ImagePusher pusher;

    @ConfigProperty(name = "flotilla.images.cosign.public-key")
    Path cosignKey;

    @TempDir
    Path temp;

    private FlotillaTopics topics;
    private TopicFollower images;

    @BeforeEach
    void connect() {
        if (registry == null) {
            registry = NotifyingRegistry.start("http://127.0.0.1:" + RestAssured.port + "/hooks/registry", HOOK_SECRET);
            pusher = new ImagePusher(registry.host());
        }
        topics = FlotillaTopics.ofService();
        images = topics.follow(Topic.IMAGES);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void fluxV1AndFluxV2DeclarationsGetTheEditsThatMoveThemToTheChosenTag() {
        pusher.push("team/shop", "0.4.1", MONDAY);
        pusher.push("team/shop", "0.4.7", MONDAY.plusSeconds(60));
        pusher.push("team/shop", "0.5.0", MONDAY.plusSeconds(120));
        pusher.push("team/podinfo", "5.0.0", MONDAY);
        pusher.push("team/podinfo", "5.0.3", MONDAY.plusSeconds(60));
        pusher.push("team/podinfo", "5.1.0", MONDAY.plusSeconds(120));
        String host = registry.host();
        GitRepo repo = GitRepo.init(temp.resolve("fleet"));
        repo.write("releases/dev/shop.yaml", """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: shop
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: semver:~0.4
                spec:
                  values:
                    image:
                      repository: %s/team/shop
                      tag: 0.4.1
                """.formatted(host));
        repo.write("flux-system/images.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageRepository
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  image: %s/team/podinfo
                  insecure: true
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  imageRepositoryRef:
                    name: podinfo
                  policy:
                    semver:
                      range: 5.0.x
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta1
                kind: ImageUpdateAutomation
                metadata:
                  name: apps
                  namespace: flux-system
                spec:
                  git:
                    commit:
                      author:
                        name: fluxbot
                        email: flux@example.com
                    push:
                      branch: image-updates
                  update:
                    path: ./apps
                """.formatted(host));
        repo.write("apps/podinfo.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: podinfo
                spec:
                  template:
                    spec:
                      containers:
                        - name: podinfo
                          image: %s/team/podinfo:5.0.0 # {"$imagepolicy": "flux-system:podinfo"}
                """.formatted(host));
        String source = commit(repo, "automated images");

        ImageTagFound shop = images.await(ImageTagFound.class,
                found -> found.payload().repository().equals(host + "/team/shop")).payload();
        assertThat(shop.tag()).isEqualTo("0.4.7");
        assertThat(shop.policy()).isEqualTo("semver:~0.4");
        assertThat(shop.edits()).containsExactly(new ImageEdit(source, "main", "releases/dev/shop.yaml", 0,
                List.of("spec", "values", "image", "tag"), "0.4.7", "0.4.1", "dev/shop", null, null, null));
        ImageTagFound podinfo = images.await(ImageTagFound.class,
                found -> found.payload().repository().equals(host + "/team/podinfo")).payload();
        assertThat(podinfo.tag()).isEqualTo("5.0.3");
        assertThat(podinfo.digest()).startsWith("sha256:");
        assertThat(podinfo.edits()).containsExactly(new ImageEdit(source, "main", "apps/podinfo.yaml", 0,
                List.of("spec", "template", "spec", "containers", "0", "image"), host + "/team/podinfo:5.0.3",
                host + "/team/podinfo:5.0.0", "flux-system/podinfo", "image-updates", "fluxbot <flux@example.com>",
                null));

        JsonPath automations = automations();
        assertThat(automations.getString("find { it.object == 'HelmRelease dev/shop' }.newestTag")).isEqualTo("0.4.7");
        assertThat(automations.getString("find { it.object == 'ImagePolicy flux-system/podinfo' }.lastImageTagFound.tag"))
                .isEqualTo("5.0.3");
    }

    @Test
    void aPushTheRegistryNotifiesIsScannedAtOnce() {
        pusher.push("team/web", "1.0.0", MONDAY);
        GitRepo repo = GitRepo.init(temp.resolve("fleet"));
        repo.write("releases/web.yaml", release("web", "semver:^1", registry.host() + "/team/web:1.0.0"));
        commit(repo, "web");
        await().atMost(Duration.ofSeconds(60)).until(() -> "1.0.0".equals(
                automations().getString("find { it.object == 'HelmRelease dev/web' }.newestTag")));

        pusher.push("team/web", "1.1.0", MONDAY.plusSeconds(60));

        ImageTagFound found = images.await(ImageTagFound.class, event -> event.payload().tag().equals("1.1.0")
                && event.payload().repository().equals(registry.host() + "/team/web")).payload();
        assertThat(found.edits()).extracting(ImageEdit::value, ImageEdit::expected)
                .containsExactly(tuple(registry.host() + "/team/web:1.1.0",
                        registry.host() + "/team/web:1.0.0"));
    }

    @Test
    void aWebhookWithoutTheSecretIsRefusedAndDockerHubsWithItIsRead() {
        String dockerHub = """
                {"push_data": {"tag": "1.2.0", "pusher": "ci"}, "repository": {"repo_name": "myorg/podinfo"}}""";

        given().body(dockerHub).contentType("application/json").post("/hooks/registry").then().statusCode(401);
        given().body(dockerHub).contentType("application/json").queryParam("token", HOOK_SECRET)
                .post("/hooks/registry").then().statusCode(202);
    }

    @Test
    void tagsNotSignedWithTheConfiguredKeyAreSkippedAndShownOnTheRelease() {
        CosignSigner signer = CosignSigner.load(cosignKey.getParent());
        String host = registry.host();
        String signed = pusher.push("signed/api", "3.0.1", MONDAY);
        signer.sign(pusher, host, "signed/api", signed);
        String forged = pusher.push("signed/api", "3.0.2", MONDAY.plusSeconds(60));
        CosignSigner.generate().sign(pusher, host, "signed/api", forged);
        String unsigned = pusher.push("signed/api", "3.0.3", MONDAY.plusSeconds(120));
        GitRepo repo = GitRepo.init(temp.resolve("fleet"));
        repo.write("releases/api.yaml", release("api", "semver:~3.0", host + "/signed/api:3.0.0"));
        commit(repo, "api, signed images only");

        ImageTagFound found = images.await(ImageTagFound.class,
                event -> event.payload().repository().equals(host + "/signed/api")).payload();

        assertThat(found.tag()).isEqualTo("3.0.1");
        assertThat(found.digest()).isEqualTo(signed);
        JsonPath automations = automations();
        String api = "find { it.object == 'HelmRelease dev/api' }";
        assertThat(automations.getString(api + ".newestTag")).isEqualTo("3.0.1");
        assertThat(automations.getList(api + ".skippedTags.tag", String.class)).containsExactly("3.0.3", "3.0.2");
        assertThat(automations.getList(api + ".skippedTags.digest", String.class)).containsExactly(unsigned, forged);
        assertThat(automations.getList(api + ".skippedTags.reason", String.class)).satisfiesExactly(
                reason -> assertThat(reason).startsWith("unsigned: no cosign signature"),
                reason -> assertThat(reason).startsWith("badly signed: the signature does not verify with the key "
                        + cosignKey));
    }

    @Test
    void aFilterOfAnUnknownKindIsAnErrorOnItsReleaseAndNothingIsPublishedForIt() {
        pusher.push("team/odd", "1.0.0", MONDAY);
        pusher.push("team/odd", "1.2.0", MONDAY.plusSeconds(60));
        pusher.push("team/even", "2.0.0", MONDAY);
        pusher.push("team/even", "2.1.0", MONDAY.plusSeconds(60));
        GitRepo repo = GitRepo.init(temp.resolve("fleet"));
        repo.write("releases/odd.yaml", release("odd", "wildcard:1.*", registry.host() + "/team/odd:1.0.0"));
        repo.write("releases/even.yaml", release("even", "semver:^2", registry.host() + "/team/even:2.0.0"));
        commit(repo, "odd and even");

        images.await(ImageTagFound.class, event -> event.payload().repository().equals(registry.host() + "/team/even"));

        assertThat(automations().getList("findAll { it.object == 'HelmRelease dev/odd' }.errors.flatten()",
                String.class)).containsExactly("releases/odd.yaml: HelmRelease dev/odd: annotation"
                + " filter.fluxcd.io/chart-image: filter 'wildcard:1.*' has the unknown kind 'wildcard': write"
                + " glob:<pattern>, semver:<range> or regex:<expression>");
        assertThat(images.events(ImageTagFound.class)).noneMatch(event -> event.payload().repository()
                .equals(registry.host() + "/team/odd"));
    }

    @Test
    void aRegistryThatRefusesOrCannotBeReachedIsReportedOnThePolicyAndNothingIsPublished() {
        pusher.push("team/guarded", "1.0.0", MONDAY);
        try (GuardedFront front = GuardedFront.before(registry.host())) {
            GitRepo repo = GitRepo.init(temp.resolve("fleet"));
            repo.write("images.yaml", ImagePolicyYaml.alphabetical("guarded", front.host() + "/team/guarded")
                    + "---\n" + ImagePolicyYaml.alphabetical("gone", LocalPorts.HOST + ":" + LocalPorts.free() + "/team/gone"));
            commit(repo, "guarded and gone");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath automations = automations();
                assertThat(automations.getList("find { it.object == 'ImagePolicy apps/guarded' }.errors",
                        String.class)).singleElement().asString().contains(front.host() + "/team/guarded",
                        "refuses anonymous access (401)", "scanned again in");
                assertThat(automations.getList("find { it.object == 'ImagePolicy apps/gone' }.errors",
                        String.class)).singleElement().asString().contains("/team/gone", "cannot be reached");
            });
            assertThat(images.events(ImageTagFound.class)).noneMatch(event -> event.payload().repository()
                    .endsWith("/team/guarded") || event.payload().repository().endsWith("/team/gone"));
        }
    }

    @Test
    void aPrivateRepositoryIsReadWithItsSecretWhileOneWhoseSecretIsMissingSaysWhy() {
        pusher.push("team/private", "2.0.0", MONDAY);
        pusher.push("team/private", "2.0.4", MONDAY.plusSeconds(60));
        GitRepo locked = GitRepo.init(PrivateFleetResource.served().resolve("locked"));
        locked.write("releases/locked.yaml", release("locked", "semver:^2", registry.host() + "/team/private:2.0.0"));
        String lockedSha = commit(locked, "locked", PrivateFleetResource.url("locked"));
        GitRepo fleet = GitRepo.init(PrivateFleetResource.served().resolve("fleet"));
        fleet.write("releases/private.yaml", release("private", "semver:~2.0",
                registry.host() + "/team/private:2.0.0"));
        String fleetUrl = PrivateFleetResource.url("fleet");
        commit(fleet, "private", fleetUrl);

        ImageTagFound found = images.await(ImageTagFound.class, event -> event.payload().edits().stream()
                .anyMatch(edit -> edit.source().equals(fleetUrl))).payload();

        assertThat(found.tag()).isEqualTo("2.0.4");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(automations().getList(
                "findAll { it.sha == '" + lockedSha + "' }.errors.flatten()", String.class)).singleElement()
                .asString().startsWith("cannot fetch " + PrivateFleetResource.url("locked") + ": the Secret configured"
                        + " for it (flotilla.source-secrets.repositories): Secret flux-system/locked-auth is not in the"
                        + " folder "));
    }

    /** Commits what {@code repo} holds, closes it, and publishes the commit as git-watcher would; the source. */
    private String commit(GitRepo repo, String message) {
        String source = repo.dir().toString();
        commit(repo, message, source);
        return source;
    }

    /** Commits what {@code repo} holds, closes it, and publishes it as git-watcher would, of {@code source}; its sha. */
    private String commit(GitRepo repo, String message, String source) {
        String sha = repo.commit(message);
        repo.close();
        topics.publish(Envelope.first("git-watcher", new CommitDetected(source, GitRepo.BRANCH, sha, null,
                List.of(), "Flotilla Tests", message, Instant.now())));
        return sha;
    }

    private static String release(String name, String filter, String image) {
        return """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: %s
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: %s
                spec:
                  values:
                    image: %s
                """.formatted(name, filter, image);
    }

    private static JsonPath automations() {
        return asAdmin().get("/api/automations").then().statusCode(200).extract().jsonPath();
    }
}
