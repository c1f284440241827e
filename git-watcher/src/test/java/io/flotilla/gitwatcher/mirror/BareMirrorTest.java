package io.flotilla.gitwatcher.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.eclipse.jgit.lib.ObjectId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.git.RemoteAccess;
import io.flotilla.git.outbound.OutboundPolicy;
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
    void packsOlderThanTheGraceAreGatheredIntoOneAndAFetchsYoungPackIsKept() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
            List<String> shas = new ArrayList<>();
            for (int i = 0; i <= BareMirror.PACK_LIMIT; i++) {
                shas.add(repo.write("a.yaml", "revision " + i).commit("revision " + i));
                mirror.fetch("main", RemoteAccess.NONE);
                assertThat(mirror.tidy()).as("packs of fetches within the grace are left alone").isFalse();
            }
            ageEveryPack(mirror);
            shas.add(repo.write("a.yaml", "fetched just before packing").commit("fetched just before packing"));
            mirror.fetch("main", RemoteAccess.NONE);

            assertThat(mirror.tidy()).isTrue();
            assertThat(packs(mirror)).as("the new pack and the young one a fetch may still need").isEqualTo(2);
            assertThat(mirror.tidy()).as("nothing old is left to pack").isFalse();
            for (String sha : shas) {
                assertThat(mirror.repository().getObjectDatabase().has(ObjectId.fromString(sha))).as(sha).isTrue();
            }
            String next = repo.write("a.yaml", "after packing").commit("after packing");
            assertThat(mirror.fetch("main", RemoteAccess.NONE).name()).isEqualTo(next);
        }
    }

    /** Makes every pack look older than the grace, as if the fetches that brought them were long done. */
    private static void ageEveryPack(BareMirror mirror) throws IOException {
        FileTime old = FileTime.from(Instant.now().minus(BareMirror.PACK_GRACE).minusSeconds(60));
        try (Stream<Path> files = Files.list(mirror.repository().getDirectory().toPath().resolve("objects/pack"))) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, old);
            }
        }
    }

    private static long packs(BareMirror mirror) throws IOException {
        try (Stream<Path> files = Files.list(mirror.repository().getDirectory().toPath().resolve("objects/pack"))) {
            return files.filter(file -> file.toString().endsWith(".pack")).count();
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
