package io.flotilla.imageupdater.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.git.BareClone;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.SealedSourceAccess;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.imageupdater.declaration.SourceFiles;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.git.ClonePacks;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;

/**
 * The image-updater reads a private fleet repository, served over HTTP behind basic auth, with the Secret configured
 * for it ({@code flotilla.source-secrets.repositories}) read from a folder as Kubernetes mounts Secrets; without it,
 * or with credentials the server refuses, it says which repository and which Secret, never a value.
 */
class SourceRepositoriesTest {

    private static final String RELEASE = """
            apiVersion: helm.fluxcd.io/v1
            kind: HelmRelease
            metadata:
              name: shop
              namespace: dev
            """;

    @TempDir
    Path temp;

    private GitHttpServer server;
    private String fleet;
    private String sha;
    private Path secrets;

    @BeforeEach
    void servePrivateFleet() {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"))) {
            repo.write("releases/dev/shop.yaml", RELEASE).write("README.md", "the fleet");
            sha = repo.commit("shop");
        }
        server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token");
        fleet = server.url("fleet");
        secrets = temp.resolve("secrets");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void readsTheDeclarationsOfAPrivateRepositoryWithTheSecretConfiguredForIt() throws IOException {
        secret(Map.of("username", "ci-bot", "password", "glpat-token"));

        try (SourceRepositories sources = sources(Map.of(fleet, new SecretRef("flux-system", "fleet-auth")))) {
            SourceFiles files = sources.yamlFiles(fleet, sha);

            assertThat(files.paths()).containsExactly("releases/dev/shop.yaml");
            assertThat(files.read("releases/dev/shop.yaml")).isEqualTo(RELEASE);
        }
    }

    @Test
    void aSecretThatIsNotKeptAnywhereIsNamedWithTheRepository() {
        try (SourceRepositories sources = sources(Map.of(fleet, new SecretRef("flux-system", "fleet-auth")))) {
            assertThatThrownBy(() -> sources.yamlFiles(fleet, sha)).isInstanceOf(SourceUnavailableException.class)
                    .hasMessage("cannot fetch " + fleet + ": the Secret configured for it"
                            + " (flotilla.source-secrets.repositories): Secret flux-system/fleet-auth is not in the"
                            + " folder " + secrets);
        }
    }

    @Test
    void credentialsTheServerRefusesAreSaidWithTheSecretAndNeverTheirValue() throws IOException {
        secret(Map.of("username", "ci-bot", "password", "expired-token"));

        try (SourceRepositories sources = sources(Map.of(fleet, new SecretRef("flux-system", "fleet-auth")))) {
            assertThatThrownBy(() -> sources.yamlFiles(fleet, sha)).isInstanceOf(SourceUnavailableException.class)
                    .hasMessage("cannot fetch " + fleet + ": HTTP 401: the credentials of Secret flux-system/fleet-auth"
                            + " were refused")
                    .message().doesNotContain("expired-token");
        }
    }

    @Test
    void aPrivateRepositoryWithoutASecretConfiguredSaysSo() {
        try (SourceRepositories sources = sources(Map.of())) {
            assertThatThrownBy(() -> sources.yamlFiles(fleet, sha)).isInstanceOf(SourceUnavailableException.class)
                    .hasMessage("cannot fetch " + fleet + ": HTTP 401: the repository asks for credentials and none"
                            + " are configured for it");
        }
    }

    @Test
    void readsARepositoryAddedThroughGitWatchersApiWithTheCredentialsItsCommitCarriesSealed() {
        String sealed = SealedSourceAccess.sealBasic(TestSecretKeys.RING, fleet, "ci-bot", "glpat-token");

        try (SourceRepositories sources = new SourceRepositories(temp.resolve("clones"),
                new GitCredentials(SourceSecrets.configured(secrets, false, null), Map.of())
                        .openingSealedAccessWith(() -> TestSecretKeys.RING))) {
            assertThat(sources.yamlFiles(fleet, sha, sealed).paths()).containsExactly("releases/dev/shop.yaml");
        }
    }

    @Test
    void sealedCredentialsTheServerRefusesAreSaidWithTheirUserAndNeverTheirValue() {
        String sealed = SealedSourceAccess.sealBasic(TestSecretKeys.RING, fleet, "ci-bot", "expired-token");

        try (SourceRepositories sources = new SourceRepositories(temp.resolve("clones"),
                new GitCredentials(SourceSecrets.configured(secrets, false, null), Map.of())
                        .openingSealedAccessWith(() -> TestSecretKeys.RING))) {
            assertThatThrownBy(() -> sources.yamlFiles(fleet, sha, sealed)).isInstanceOf(SourceUnavailableException.class)
                    .hasMessage("cannot fetch " + fleet + ": HTTP 401: the credentials of HTTPS user ci-bot (given to"
                            + " git-watcher with the source) were refused")
                    .message().doesNotContain("expired-token");
        }
    }

    /** Each commit read fetches and leaves a pack; once old packs pile up, the clone is packed beside the fetches. */
    @Test
    void packsItsCloneOnceOldPacksPileUpAndStillReadsEveryCommit() throws IOException {
        secret(Map.of("username", "ci-bot", "password", "glpat-token"));
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                SourceRepositories sources = sources(Map.of(fleet, new SecretRef("flux-system", "fleet-auth")))) {
            sources.yamlFiles(fleet, sha);
            for (int i = 0; i < BareClone.PACK_LIMIT; i++) {
                sources.yamlFiles(fleet, repo.write("releases/dev/app.yaml", "revision " + i).commit("revision " + i));
            }
            Path clone = onlyClone();
            ClonePacks.age(clone, BareClone.PACK_GRACE.plusMinutes(1));
            String last = repo.write("releases/dev/app.yaml", "last").commit("last");

            assertThat(sources.yamlFiles(fleet, last).read("releases/dev/app.yaml")).isEqualTo("last");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ClonePacks.count(clone))
                    .as("one pack of every older fetch, and the last fetch's own").isEqualTo(2));
            assertThat(sources.yamlFiles(fleet, sha).read("releases/dev/shop.yaml")).isEqualTo(RELEASE);
        }
    }

    private Path onlyClone() throws IOException {
        try (Stream<Path> clones = Files.list(temp.resolve("clones"))) {
            List<Path> all = clones.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private SourceRepositories sources(Map<String, SecretRef> byRepository) {
        return new SourceRepositories(temp.resolve("clones"),
                new GitCredentials(SourceSecrets.configured(secrets, false, null), byRepository));
    }

    /** The Secret flux-system/fleet-auth as Kubernetes mounts it: a folder of files, one per key. */
    private void secret(Map<String, String> data) throws IOException {
        Path folder = Files.createDirectories(secrets.resolve("flux-system/fleet-auth"));
        for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
        }
    }
}
