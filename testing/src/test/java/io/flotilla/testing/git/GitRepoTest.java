package io.flotilla.testing.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepoTest {

    @TempDir
    Path tmp;

    @Test
    void aCloneSeesTheCommittedFilesOnMain() throws Exception {
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            String sha = repo.write("releases/dev/app.yaml", "kind: HelmRelease\n").commit("add app");

            assertThat(sha).matches("[0-9a-f]{40}").isEqualTo(repo.head());
            try (Git clone = Git.cloneRepository().setURI(repo.uri().toString())
                    .setDirectory(tmp.resolve("clone").toFile()).call()) {
                assertThat(clone.getRepository().getBranch()).isEqualTo("main");
                assertThat(clone.getRepository().resolve("HEAD").getName()).isEqualTo(sha);
            }
            assertThat(tmp.resolve("clone/releases/dev/app.yaml")).hasContent("kind: HelmRelease");
        }
    }

    @Test
    void aCommitRecordsDeletionsAndChanges() throws Exception {
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            repo.write("a/one.yaml", "one").write("a/two.yaml", "two").commit("first");
            String second = repo.delete("a/one.yaml").write("a/two.yaml", "2").commit("second");

            try (Git git = Git.open(repo.dir().toFile())) {
                assertThat(git.status().call().isClean()).isTrue();
                assertThat(git.log().call().iterator().next().getName()).isEqualTo(second);
            }
            assertThat(repo.dir().resolve("a/one.yaml")).doesNotExist();
            assertThat(repo.dir().resolve("a/two.yaml")).hasContent("2");
        }
    }

    @Test
    void copiesAFolderIntoAPathWithoutItsGitMetadata() throws Exception {
        Path source = tmp.resolve("example");
        try (GitRepo other = GitRepo.init(source)) {
            other.write("chart/Chart.yaml", "name: app").commit("chart");
        }
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            repo.copyFrom(source, "charts/app").commit("copy");

            assertThat(repo.dir().resolve("charts/app/chart/Chart.yaml")).hasContent("name: app");
            assertThat(repo.dir().resolve("charts/app/.git")).doesNotExist();
        }
    }

    @Test
    void reopensAnExistingRepository() {
        String sha;
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            sha = repo.write("x", "1").commit("x");
        }
        try (GitRepo again = GitRepo.init(tmp.resolve("repo"))) {
            assertThat(again.head()).isEqualTo(sha);
        }
    }

    @Test
    void refusesPathsOutsideTheRepository() {
        try (GitRepo repo = GitRepo.init(tmp.resolve("repo"))) {
            assertThatThrownBy(() -> repo.write("../escape.txt", "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("../escape.txt");
            assertThat(Files.exists(tmp.resolve("escape.txt"))).isFalse();
        }
    }
}
