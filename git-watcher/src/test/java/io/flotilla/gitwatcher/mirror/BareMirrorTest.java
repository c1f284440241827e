package io.flotilla.gitwatcher.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.git.BareClone;
import io.flotilla.git.RemoteAccess;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.testing.git.ClonePacks;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.git.GitSshServer;

class BareMirrorTest {

    @TempDir
    Path temp;

    @Test
    void fetchesTheBranchHeadIntoABareRepository() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            assertThat(mirror.fetch("main", RemoteAccess.NONE).name()).isEqualTo(first);

            String second = repo.write("a.yaml", "changed").commit("change a");
            assertThat(mirror.fetch("main", RemoteAccess.NONE).name()).isEqualTo(second);
            assertThat(mirror.repository().isBare()).isTrue();
        }
    }

    @Test
    void aMirrorDeletedWhileItsPackingWaitedIsLeftAlone() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"));
            for (int i = 0; i <= BareClone.PACK_LIMIT; i++) {
                repo.write("a.yaml", "revision " + i).commit("revision " + i);
                mirror.fetch("main", RemoteAccess.NONE);
            }
            Path dir = mirror.repository().getDirectory().toPath();
            ClonePacks.age(dir, BareClone.PACK_GRACE.plusMinutes(1));

            mirror.delete();

            assertThat(mirror.tidy()).isFalse();
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void fetchesFromAFileUrl() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.uri().toString(), temp.resolve("work"))) {
            String sha = repo.write("a.yaml", "a").commit("a");

            assertThat(mirror.fetch("main", RemoteAccess.NONE).name()).isEqualTo(sha);
        }
    }

    @Test
    void reopenedMirrorKeepsWhatItFetched() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String sha = repo.write("a.yaml", "a").commit("a");
            try (BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
                mirror.fetch("main", RemoteAccess.NONE);
            }
            try (BareMirror reopened = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
                assertThat(reopened.repository().exactRef("refs/heads/main").getObjectId().name()).isEqualTo(sha);
            }
        }
    }

    @Test
    void missingRepositoryFailsNamingItAndIsFetchedOnceItExists() {
        Path missing = temp.resolve("not-yet");
        try (BareMirror mirror = BareMirror.open(missing.toString(), temp.resolve("work"))) {
            assertThatThrownBy(() -> mirror.fetch("main", RemoteAccess.NONE))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining("branch 'main'")
                    .hasMessageContaining(missing.toString());

            try (GitRepo repo = GitRepo.init(missing)) {
                String sha = repo.write("a.yaml", "a").commit("a");
                assertThat(mirror.fetch("main", RemoteAccess.NONE).name()).isEqualTo(sha);
            }
        }
    }

    @Test
    void missingBranchFailsNamingIt() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
            repo.write("a.yaml", "a").commit("a");

            assertThatThrownBy(() -> mirror.fetch("release", RemoteAccess.NONE))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining("branch 'release'")
                    .hasMessageContaining(repo.dir().toString());
        }
    }

    @Test
    void fetchesOverHttpWithUsernameAndToken() {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token");
                BareMirror mirror = BareMirror.open(server.url("fleet"), temp.resolve("work"))) {
            String sha = repo.write("a.yaml", "a").commit("a");

            assertThat(mirror.fetch("main", RemoteAccess.https("ci-bot", "glpat-token")).name())
                    .isEqualTo(sha);
            String next = repo.write("b.yaml", "b").commit("b");
            assertThat(mirror.fetch("main", RemoteAccess.https("ci-bot", "glpat-token")).name())
                    .isEqualTo(next);
        }
    }

    @Test
    void wrongOrMissingCredentialsFailNamingTheRepositoryButNotThePassword() {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token");
                BareMirror mirror = BareMirror.open(server.url("fleet"), temp.resolve("work"))) {
            repo.write("a.yaml", "a").commit("a");

            assertThatThrownBy(() -> mirror.fetch("main", RemoteAccess.https("ci-bot", "guessed")))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining(server.url("fleet"))
                    .hasMessageNotContaining("guessed");
            assertThatThrownBy(() -> mirror.fetch("main", RemoteAccess.NONE))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining(server.url("fleet"));
        }
    }

    @Test
    void fetchesOverSshWithAKeyFromAServerListedInKnownHosts() {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitSshServer server = GitSshServer.serve(temp.resolve("served"), temp.resolve("keys/id_rsa"));
                BareMirror mirror = BareMirror.open(server.url("fleet"), temp.resolve("work"))) {
            String sha = repo.write("a.yaml", "a").commit("a");
            Path knownHosts = server.writeKnownHosts(temp.resolve("keys/known_hosts"));

            assertThat(mirror.fetch("main", RemoteAccess.ssh(temp.resolve("keys/id_rsa"), knownHosts)).name())
                    .isEqualTo(sha);
        }
    }

    @Test
    void sshServerWithAnotherKeyThanKnownHostsListsIsRefused() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("served/fleet"));
                GitSshServer server = GitSshServer.serve(temp.resolve("served"), temp.resolve("keys/id_rsa"));
                BareMirror mirror = BareMirror.open(server.url("fleet"), temp.resolve("work"))) {
            repo.write("a.yaml", "a").commit("a");
            Path knownHosts = server.writeWrongKnownHosts(temp.resolve("keys/known_hosts"));

            assertThatThrownBy(() -> mirror.fetch("main", RemoteAccess.ssh(temp.resolve("keys/id_rsa"), knownHosts)))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining(server.url("fleet"));
            assertThat(mirror.repository().getRefDatabase().getRefs()).isEmpty();
        }
    }

    @Test
    void aSourceFromTheApiWhoseNameRebindsToLoopbackAfterItWasCheckedIsNeverFetched() {
        try (GitHttpServer server = GitHttpServer.serve(temp.resolve("served"), "ci-bot", "glpat-token")) {
            java.net.URI served = java.net.URI.create(server.url("fleet"));
            int port = served.getPort();
            String remote = "http://fleet.example:" + port + served.getPath();
            AtomicInteger lookups = new AtomicInteger();
            OutboundPolicy policy = new OutboundPolicy(Set.of("http", "https"), false, List.of())
                    .withResolver(host -> new InetAddress[] {lookups.getAndIncrement() == 0
                            ? InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7})
                            : InetAddress.getLoopbackAddress()});
            policy.check("repository", remote);

            try (BareMirror mirror = BareMirror.open(remote, temp.resolve("work"), policy)) {
                assertThatThrownBy(() -> mirror.fetch("main", RemoteAccess.https("ci-bot", "glpat-token")))
                        .hasMessageContaining("the connection to fleet.example:" + port + " is refused")
                        .hasMessageContaining("fleet.example (127.0.0.1) is a loopback address");
            }
        }
    }
}
