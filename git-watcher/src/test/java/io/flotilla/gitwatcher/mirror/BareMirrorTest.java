package io.flotilla.gitwatcher.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.testing.git.GitRepo;

class BareMirrorTest {

    @TempDir
    Path temp;

    @Test
    void fetchesTheBranchHeadIntoABareRepository() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            assertThat(mirror.fetch("main").name()).isEqualTo(first);

            String second = repo.write("a.yaml", "changed").commit("change a");
            assertThat(mirror.fetch("main").name()).isEqualTo(second);
            assertThat(mirror.repository().isBare()).isTrue();
        }
    }

    @Test
    void fetchesFromAFileUrl() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.uri().toString(), temp.resolve("work"))) {
            String sha = repo.write("a.yaml", "a").commit("a");

            assertThat(mirror.fetch("main").name()).isEqualTo(sha);
        }
    }

    @Test
    void reopenedMirrorKeepsWhatItFetched() throws IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String sha = repo.write("a.yaml", "a").commit("a");
            try (BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
                mirror.fetch("main");
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
            assertThatThrownBy(() -> mirror.fetch("main"))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining("branch 'main'")
                    .hasMessageContaining(missing.toString());

            try (GitRepo repo = GitRepo.init(missing)) {
                String sha = repo.write("a.yaml", "a").commit("a");
                assertThat(mirror.fetch("main").name()).isEqualTo(sha);
            }
        }
    }

    @Test
    void missingBranchFailsNamingIt() {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareMirror mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"))) {
            repo.write("a.yaml", "a").commit("a");

            assertThatThrownBy(() -> mirror.fetch("release"))
                    .isInstanceOf(MirrorException.class)
                    .hasMessageContaining("branch 'release'")
                    .hasMessageContaining(repo.dir().toString());
        }
    }

    @Test
    void remotesThatEndAlikeGetTheirOwnMirror() {
        assertThat(BareMirror.directoryName("https://git.example.com/team-a/fleet.git"))
                .startsWith("fleet-")
                .endsWith(".git")
                .isNotEqualTo(BareMirror.directoryName("https://git.example.com/team-b/fleet.git"));
    }
}
