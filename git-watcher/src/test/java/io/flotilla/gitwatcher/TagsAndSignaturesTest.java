package io.flotilla.gitwatcher;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.gitwatcher.signature.OpenPgpKey;
import io.flotilla.gitwatcher.signature.SignedCommits;
import io.flotilla.gitwatcher.source.RegisteredSources;
import io.flotilla.gitwatcher.source.SemverTags;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.webhook.Deliveries;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Sources that follow tags rather than a branch, and sources that accept only signed commits, added through
 * the API and driven by webhooks against real repositories, Kafka and PostgreSQL.
 */
@QuarkusTest
@TestProfile(WatchedRepositoryProfile.HookDriven.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TagsAndSignaturesTest {

    static OpenPgpKey ada;
    static OpenPgpKey mallory;

    @Inject
    RegisteredSources registered;

    @TempDir
    Path temp;

    CommitsTopic commits;

    @BeforeAll
    static void generateKeys() {
        ada = OpenPgpKey.generate("Ada Ops <ada@example.com>");
        mallory = OpenPgpKey.generate("Mallory <mallory@example.com>");
    }

    @BeforeEach
    void readCommits() {
        commits = CommitsTopic.ofService();
    }

    @AfterEach
    void close() {
        commits.close();
    }

    @Test
    void signedTagPushMovesASemverSourceToTheHighestTagWithinItsRange() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet")); Git git = Git.open(repo.dir().toFile())) {
            String released = repo.write("releases/prod/app.yaml", "1.0.0").commit("Release 1.0.0");
            git.tag().setName("v1.0.0").setAnnotated(false).call();
            WebhooksAndSourcesTest.addSource("prod-releases", repo, Map.of("semver", "^1.0", "webhookSecret", "gh-secret"));
            CommitDetected first = commits.awaitCommit(released).commit();
            assertThat(first.branch()).isEqualTo("refs/tags/v1.0.0");
            repo.write("releases/prod/app.yaml", "1.1.0-wip").commit("Work in progress on main");
            String next = repo.write("releases/prod/app.yaml", "1.1.0").commit("Release 1.1.0");
            git.tag().setName("v1.1.0").setMessage("Release 1.1.0").setAnnotated(true).call();
            repo.write("releases/prod/app.yaml", "2.0.0").commit("Release 2.0.0");
            git.tag().setName("v2.0.0").setAnnotated(false).call();
            byte[] body = Deliveries.sample("github-tag-push", WebhooksAndSourcesTest.SAMPLE_CLONE_URL,
                    repo.dir().toString());

            given().header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("gh-secret", body))
                    .contentType(ContentType.JSON).body(body)
                    .post("/hooks/github").then().statusCode(202).body("sources", equalTo(List.of("prod-releases")));

            CommitDetected moved = commits.awaitCommit(next).commit();
            assertThat(moved.branch()).isEqualTo("refs/tags/v1.1.0");
            assertThat(moved.parent()).isEqualTo(released);
            assertThat(moved.changedPaths()).containsExactly("releases/prod/app.yaml");
            assertThat(moved.forced()).isFalse();
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/prod-releases").then()
                    .body("semver", equalTo("^1.0"))
                    .body("branch", nullValue())
                    .body("lastRef", equalTo("refs/tags/v1.1.0"))
                    .body("lastEmitted", equalTo(next)));
            assertThat(registered.all()).filteredOn(d -> d.id().equals("prod-releases"))
                    .extracting(d -> d.source().ref()).containsExactly(new SemverTags("^1.0"));
        }
    }

    @Test
    void tagPatternSourceFollowsTheNewestMatchingTag() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet")); Git git = Git.open(repo.dir().toFile())) {
            // Contents no other test commits: the same commit made elsewhere in the same second has the same sha.
            String first = repo.write("deploy.yaml", "deploy 1").commit("Deploy 1");
            git.tag().setName("deploy-1").setAnnotated(false).call();
            WebhooksAndSourcesTest.addSource("deploy-tags", repo, Map.of("tags", "deploy-*"));
            assertThat(commits.awaitCommit(first).commit().branch()).isEqualTo("refs/tags/deploy-1");
            String second = repo.write("deploy.yaml", "deploy 2").commit("Deploy 2");
            git.tag().setName("deploy-2").setAnnotated(false).call();

            given().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString(), "tag", "deploy-2"))
                    .post("/hooks/generic").then().statusCode(202).body("sources", equalTo(List.of("deploy-tags")));

            assertThat(commits.awaitCommit(second).commit().branch()).isEqualTo("refs/tags/deploy-2");
        }
    }

    @Test
    void onlyHeadsSignedByAListedKeyAreEmittedAndARefusedOneIsReported() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            repo.write("releases/dev/app.yaml", "1").commit("Signed start");
            String verified = SignedCommits.signHead(repo.dir(), ada);
            WebhooksAndSourcesTest.addSource("signed-only", repo, Map.of("signingKeys", List.of(ada.armoredPublicKey())));
            commits.awaitCommit(verified);
            List<String> fingerprints = registered.all().stream().filter(d -> d.id().equals("signed-only"))
                    .map(SourceDefinition::signingKeys).findFirst().orElseThrow().fingerprints();

            String unsigned = repo.write("releases/dev/app.yaml", "2").commit("Unsigned");
            fetchNow(repo);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/signed-only").then()
                    .body("lastError", containsString(unsigned.substring(0, 10)))
                    .body("lastError", containsString("not signed"))
                    .body("lastSeen", equalTo(unsigned))
                    .body("lastEmitted", equalTo(verified))
                    .body("signedBy", equalTo(fingerprints)));

            repo.write("releases/dev/app.yaml", "3").commit("Signed by someone else");
            String foreign = SignedCommits.signHead(repo.dir(), mallory);
            fetchNow(repo);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/signed-only").then()
                    .body("lastError", containsString(foreign.substring(0, 10)))
                    .body("lastError", containsString("not one of"))
                    .body("lastEmitted", equalTo(verified)));

            repo.write("releases/dev/app.yaml", "4").commit("Signed again");
            String signedAgain = SignedCommits.signHead(repo.dir(), ada);
            fetchNow(repo);

            CommitDetected commit = commits.awaitCommit(signedAgain).commit();
            assertThat(commit.parent()).isEqualTo(verified);
            await().untilAsserted(() -> asAdmin().when().get("/api/sources/signed-only").then()
                    .body("lastError", nullValue())
                    .body("lastEmitted", equalTo(signedAgain)));
            assertThat(commits.shasOf(repo.dir().toString())).containsExactly(verified, signedAgain)
                    .doesNotContain(unsigned, foreign);
        }
    }

    @Test
    void sourcesWithBadTagsOrKeysAreRefusedWithTheReason() {
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", "two-refs", "repository", "/srv/fleet",
                "branch", "main", "tags", "v*")).post("/api/sources").then().statusCode(400)
                .body("error", containsString("one of branch, tags or semver"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", "bad-range", "repository", "/srv/fleet",
                "semver", "newest")).post("/api/sources").then().statusCode(400)
                .body("error", containsString("'newest' is not a semver range"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("id", "bad-key", "repository", "/srv/fleet",
                "signingKeys", List.of("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n"
                        + "-----END PGP PUBLIC KEY BLOCK-----\n"))).post("/api/sources").then().statusCode(400)
                .body("error", containsString("signing key"));
    }

    private static void fetchNow(GitRepo repo) {
        given().contentType(ContentType.JSON).body(Map.of("repository", repo.dir().toString()))
                .post("/hooks/generic").then().statusCode(202);
    }
}
