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

import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecretException;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.git.GitSshServer;

/** Private repositories fetched with the Secret that names their credentials, as Flux's GitRepository keys them. */
class GitCredentialsTest {

    private static final RefSpec MAIN = new RefSpec("+refs/heads/main:refs/heads/main");
    private static final SecretRef FLEET_AUTH = new SecretRef("flux-system", "fleet-auth");

    @TempDir
    Path temp;

    @Test
    void fetchesOverHttpsWithTheUsernameAndPasswordOfTheSecretConfiguredForTheRepository() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            String sha = repo.write("a.yaml", "a").commit("a");
            secret(FLEET_AUTH, Map.of("username", "ci-bot", "password", "glpat-token"));
            GitCredentials credentials = credentials(Map.of(server.url("fleet") + ".git", FLEET_AUTH));

            assertThat(fetchMain(credentials, server.url("fleet"))).isEqualTo(sha);
        }
    }

    @Test
    void fetchesOverHttpsWithTheBearerTokenOfTheSecretAGitRepositoryNames() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serveWithBearerToken(temp.resolve("served"), "ghs_token")) {
            String sha = repo.write("a.yaml", "a").commit("a");
            secret(FLEET_AUTH, Map.of("bearerToken", "ghs_token\n"));

            assertThat(fetchMain(credentials(Map.of()), server.url("fleet"), FLEET_AUTH)).isEqualTo(sha);
        }
    }

    @Test
    void refusedOrMissingCredentialsAreReportedAsA401NamingTheSecretAndNoValue() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            repo.write("a.yaml", "a").commit("a");
            secret(FLEET_AUTH, Map.of("username", "ci-bot", "password", "guessed"));

            assertThatThrownBy(() -> fetchMain(credentials(Map.of()), server.url("fleet"), FLEET_AUTH))
                    .hasMessage("HTTP 401: the credentials of Secret flux-system/fleet-auth were refused");
            assertThatThrownBy(() -> fetchMain(credentials(Map.of()), server.url("fleet")))
                    .hasMessage("HTTP 401: the repository asks for credentials and none are configured for it");
        }
    }

    @Test
    void fetchesOverSshWithTheIdentityOfTheSecretCheckingTheHostKeyAgainstItsKnownHosts() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitSshServer server = GitSshServer.serve(temp.resolve("served"), temp.resolve("keys/id_rsa"))) {
            String sha = repo.write("a.yaml", "a").commit("a");
            secret(FLEET_AUTH, Map.of("identity", GitSshServer.identity(temp.resolve("keys/id_rsa")),
                    "known_hosts", server.knownHostsLine()));

            assertThat(fetchMain(credentials(Map.of()), server.url("fleet"), FLEET_AUTH)).isEqualTo(sha);
        }
    }

    @Test
    void anSshServerPresentingAnotherKeyThanTheSecretsKnownHostsListsIsRefused() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitSshServer server = GitSshServer.serve(temp.resolve("served"), temp.resolve("keys/id_rsa"))) {
            repo.write("a.yaml", "a").commit("a");
            Path wrong = server.writeWrongKnownHosts(temp.resolve("keys/wrong_known_hosts"));
            secret(FLEET_AUTH, Map.of("identity", GitSshServer.identity(temp.resolve("keys/id_rsa")),
                    "known_hosts", Files.readString(wrong)));

            assertThatThrownBy(() -> fetchMain(credentials(Map.of()), server.url("fleet"), FLEET_AUTH))
                    .hasMessage("the server's SSH host key is not the one the known_hosts of Secret"
                            + " flux-system/fleet-auth lists: refused");
        }
    }

    @Test
    void aSecretThatIsMissingOrLacksCredentialsIsReportedNamingTheSourceTheSecretAndWhereItWasLookedFor()
            throws IOException {
        GitCredentials credentials = credentials(Map.of());
        assertThatThrownBy(() -> credentials.access("https://git.example.com/fleet", FLEET_AUTH,
                "GitRepository flux-system/fleet"))
                .isInstanceOf(SourceSecretException.class)
                .hasMessage("GitRepository flux-system/fleet: Secret flux-system/fleet-auth is not in the folder "
                        + temp.resolve("secrets"));

        secret(FLEET_AUTH, Map.of("identity", "-----BEGIN OPENSSH PRIVATE KEY-----"));
        assertThatThrownBy(() -> credentials.access("ssh://git@git.example.com/fleet", FLEET_AUTH,
                "GitRepository flux-system/fleet"))
                .hasMessage("GitRepository flux-system/fleet: Secret flux-system/fleet-auth has an identity but no"
                        + " known_hosts: the server's key cannot be checked");

        secret(FLEET_AUTH, Map.of("token", "a key Flux does not read"));
        assertThatThrownBy(() -> credentials.access("https://git.example.com/fleet", FLEET_AUTH,
                "GitRepository flux-system/fleet"))
                .hasMessage("GitRepository flux-system/fleet: Secret flux-system/fleet-auth (the folder "
                        + temp.resolve("secrets") + ") has none of username, bearerToken or identity")
                .hasMessageNotContaining("a key Flux does not read");
    }

    @Test
    void aSourcesAccessFromItsSecretReadsTheSecretAgainAtEachFetchSoARotationTakesEffectAtOnce() throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token");
                BareClone clone = BareClone.open(server.url("fleet"), temp.resolve("clones"));
                RemoteAccess access = RemoteAccess.fromSecret(SourceSecrets.configured(temp.resolve("secrets"), false,
                        null), FLEET_AUTH, "source fleet")) {
            String sha = repo.write("a.yaml", "a").commit("a");
            secret(FLEET_AUTH, Map.of("username", "ci-bot", "password", "expired-token"));
            assertThatThrownBy(() -> fetch(clone, access)).hasMessageContaining("not authorized");

            secret(FLEET_AUTH, Map.of("username", "ci-bot", "password", "glpat-token"));
            fetch(clone, access);

            assertThat(clone.repository().exactRef("refs/heads/main").getObjectId().name()).isEqualTo(sha);
            assertThat(access.credentials()).isEqualTo("Secret flux-system/fleet-auth");
        }
    }

    @Test
    void aRepositoryWithoutASecretIsFetchedWithout() {
        try (GitCredentials.Fetching fetching = credentials(Map.of()).access("https://git.example.com/fleet", null,
                "the watched repository")) {
            assertThat(fetching.remote()).isSameAs(RemoteAccess.NONE);
            assertThat(fetching.secret()).isNull();
        }
    }

    private GitCredentials credentials(Map<String, SecretRef> byRepository) {
        return new GitCredentials(SourceSecrets.configured(temp.resolve("secrets"), false, null), byRepository);
    }

    /** A Secret as Kubernetes mounts it: a folder of files, one per key. */
    private void secret(SecretRef ref, Map<String, String> data) throws IOException {
        Path folder = temp.resolve("secrets").resolve(ref.namespace()).resolve(ref.name());
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(folder);
        for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
        }
    }

    private static void fetch(BareClone clone, RemoteAccess access) throws GitAPIException {
        var fetch = clone.fetch(MAIN);
        access.configure(fetch);
        fetch.call();
    }

    private String fetchMain(GitCredentials credentials, String remote) throws Exception {
        return fetchMain(credentials, remote, null);
    }

    /** Fetches main as the services do, and throws what they would report. */
    private String fetchMain(GitCredentials credentials, String remote, SecretRef named) throws Exception {
        try (BareClone clone = BareClone.open(remote, temp.resolve("clones"));
                GitCredentials.Fetching fetching = credentials.access(remote, named, "the source")) {
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
