package io.flotilla.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecretException;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;

/** The credentials of a source added through git-watcher's API, sealed into its commits for the services that fetch. */
class SealedSourceAccessTest {

    private static final RefSpec MAIN = new RefSpec("+refs/heads/main:refs/heads/main");
    private static final KeyRing RING = TestSecretKeys.RING;

    @TempDir
    Path temp;

    @Test
    void basicCredentialsSealedForARepositoryFetchItAndNothingOfThemIsInClear() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            String sha = repo.write("a.yaml", "a").commit("a");
            String sealed = SealedSourceAccess.sealBasic(RING, server.url("fleet"), "ci-bot", "glpat-token");

            assertThat(sealed).startsWith("sealed:v1:test:").doesNotContain("glpat-token").doesNotContain("ci-bot");
            assertThat(fetchMain(server.url("fleet"), sealed)).isEqualTo(sha);
        }
    }

    @Test
    void theNameOfASecretSealedForARepositoryFetchesItWithTheSecretReadHere() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            String sha = repo.write("a.yaml", "a").commit("a");
            Path secret = Files.createDirectories(temp.resolve("secrets/flux-system/fleet-auth"));
            Files.writeString(secret.resolve("username"), "ci-bot");
            Files.writeString(secret.resolve("password"), "glpat-token");

            String sealed = SealedSourceAccess.sealSecret(RING, server.url("fleet"),
                    new SecretRef("flux-system", "fleet-auth"));

            assertThat(fetchMain(server.url("fleet"), sealed)).isEqualTo(sha);
        }
    }

    @Test
    void refusedCredentialsAreReportedAsTheSourcesWithoutTheirPassword() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            repo.write("a.yaml", "a").commit("a");
            String sealed = SealedSourceAccess.sealBasic(RING, server.url("fleet"), "ci-bot", "expired-token");

            assertThatThrownBy(() -> fetchMain(server.url("fleet"), sealed))
                    .hasMessage("HTTP 401: the credentials of HTTPS user ci-bot (given to git-watcher with the source)"
                            + " were refused")
                    .hasMessageNotContaining("expired-token");
        }
    }

    @Test
    void anAccessCopiedIntoACommitOfAnotherRepositoryDoesNotOpen() {
        String sealed = SealedSourceAccess.sealBasic(RING, "https://git.example.com/team/private", "ci-bot", "token");

        assertThatThrownBy(() -> SealedSourceAccess.open(RING, "https://git.example.com/attacker/other", sealed,
                SourceSecrets.none(), "commit a1 of https://git.example.com/attacker/other"))
                .isInstanceOf(SourceSecretException.class)
                .hasMessageStartingWith("commit a1 of https://git.example.com/attacker/other: the credentials its"
                        + " commit carries, sealed by git-watcher, do not open")
                .hasMessageNotContaining("token");
    }

    @Test
    void anAccessSealedWithAKeyThisServiceDoesNotHaveSaysWhichKeyToGive() {
        KeyRing other = KeyRing.parse(KeyRing.newEntry("k2"), "another installation");
        String sealed = SealedSourceAccess.sealBasic(other, "https://git.example.com/team/private", "ci-bot", "token");

        assertThatThrownBy(() -> SealedSourceAccess.open(RING, "https://git.example.com/team/private", sealed,
                SourceSecrets.none(), "commit a1"))
                .hasMessageContaining("sealed with the key k2, which is not in the key ring")
                .hasMessageContaining("Give this service the same key ring as git-watcher");
    }

    @Test
    void aServiceGivenNoKeyRingSaysSoAtACommitCarryingSealedAccessAndFetchesTheOthersAsBefore() {
        String repository = "https://git.example.com/team/private";
        String sealed = SealedSourceAccess.sealBasic(RING, repository, "ci-bot", "token");
        GitCredentials credentials = GitCredentials.none();

        assertThatThrownBy(() -> credentials.accessForCommit(repository, sealed, "commit a1 of " + repository))
                .isInstanceOf(SourceSecretException.class)
                .hasMessageStartingWith("commit a1 of " + repository + ": its commit carries the credentials of its"
                        + " source sealed, and this service cannot open them: no key ring is given to this service");
        try (GitCredentials.Fetching fetching = credentials.accessForCommit(repository, null, "commit a2")) {
            assertThat(fetching.remote()).isSameAs(RemoteAccess.NONE);
        }
    }

    /** Fetches main as the renderer does, and throws what it would report. */
    private String fetchMain(String remote, String sealed) throws Exception {
        SourceSecrets secrets = SourceSecrets.configured(temp.resolve("secrets"), false, null);
        try (BareClone clone = BareClone.open(remote, temp.resolve("clones"));
                GitCredentials.Fetching fetching = new GitCredentials(secrets, Map.of())
                        .openingSealedAccessWith(() -> RING).accessForCommit(remote, sealed, "the source")) {
            try {
                var fetch = clone.fetch(MAIN);
                fetching.remote().configure(fetch);
                fetch.call();
            } catch (GitAPIException | RuntimeException e) {
                throw new IllegalStateException(GitCredentials.reason(e, fetching.credentials()), e);
            }
            return clone.repository().exactRef("refs/heads/main").getObjectId().name();
        }
    }
}
