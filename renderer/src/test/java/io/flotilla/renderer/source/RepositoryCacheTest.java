package io.flotilla.renderer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.git.BareClone;
import io.flotilla.testing.git.ClonePacks;
import io.flotilla.testing.git.GitRepo;

class RepositoryCacheTest {

    @TempDir
    Path temp;

    private GitRepo repo;
    private RepositoryCache cache;

    @BeforeEach
    void setUp() {
        repo = GitRepo.init(temp.resolve("fleet"));
        cache = new RepositoryCache(temp.resolve("clones"));
    }

    @AfterEach
    void tearDown() {
        cache.close();
        repo.close();
    }

    @Test
    void readsTheFilesOfACommitFromItsOwnCloneWithoutAWorkingTree() throws IOException {
        String sha = repo.write("common/ns.yaml", "kind: Namespace\n").write("README.md", "hi\n").commit("first");

        CommitSnapshot snapshot = cache.snapshot(repo.dir().toString(), sha);

        assertThat(snapshot.files()).containsOnlyKeys("README.md", "common/ns.yaml");
        assertThat(snapshot.readText("common/ns.yaml")).isEqualTo("kind: Namespace\n");
        assertThat(snapshot.sha()).isEqualTo(sha);
        assertThat(snapshot.shortSha()).isEqualTo(sha.substring(0, 7));
        Path clone = onlyClone();
        assertThat(clone.resolve("HEAD")).exists();
        assertThat(clone.resolve("common")).doesNotExist();
    }

    @Test
    void fetchesNewCommitsAndStillReadsOlderOnes() {
        String first = repo.write("a.yaml", "one\n").commit("first");
        cache.snapshot(repo.uri().toString(), first);
        String second = repo.write("a.yaml", "two\n").write("b.yaml", "new\n").commit("second");

        assertThat(cache.snapshot(repo.uri().toString(), second).readText("a.yaml")).isEqualTo("two\n");
        assertThat(cache.snapshot(repo.uri().toString(), first).files()).containsOnlyKeys("a.yaml");
    }

    @Test
    void keepsItsClonesAcrossRestarts() {
        String sha = repo.write("a.yaml", "one\n").commit("first");
        cache.snapshot(repo.dir().toString(), sha);
        cache.close();
        repo.delete("a.yaml").commit("gone");

        try (RepositoryCache restarted = new RepositoryCache(temp.resolve("clones"))) {
            assertThat(restarted.snapshot(repo.dir().toString(), sha).readText("a.yaml")).isEqualTo("one\n");
        }
    }

    @Test
    void givesAFolderANewIdOnlyWhenSomethingInItChanges() {
        String first = repo.write("charts/app/Chart.yaml", "name: app\n").write("other.yaml", "a\n").commit("first");
        String second = repo.write("other.yaml", "b\n").commit("second");
        String third = repo.write("charts/app/values.yaml", "x: 1\n").commit("third");

        String atFirst = cache.snapshot(repo.dir().toString(), first).folderId("charts/app").orElseThrow().getName();
        String atSecond = cache.snapshot(repo.dir().toString(), second).folderId("charts/app").orElseThrow().getName();
        String atThird = cache.snapshot(repo.dir().toString(), third).folderId("charts/app").orElseThrow().getName();

        assertThat(atSecond).isEqualTo(atFirst);
        assertThat(atThird).isNotEqualTo(atFirst);
    }

    @Test
    void reportsARepositoryItCannotFetch() {
        String missing = temp.resolve("nowhere").toString();

        assertThatThrownBy(() -> cache.snapshot(missing, "1".repeat(40)))
                .isInstanceOf(RepositoryUnavailableException.class)
                .hasMessageStartingWith("cannot fetch " + missing + ": ");
    }

    @Test
    void reportsSomethingThatIsNotACommitSha() {
        assertThatThrownBy(() -> cache.snapshot(repo.dir().toString(), "main"))
                .isInstanceOf(RepositoryUnavailableException.class)
                .hasMessage("'main' is not a commit sha of " + repo.dir());
    }

    /** Each commit's fetch leaves a pack; once old packs pile up, the clone is packed beside the fetches. */
    @Test
    void packsItsCloneOnceOldPacksPileUpAndStillReadsEveryCommit() throws IOException {
        String first = repo.write("a.yaml", "first\n").commit("first");
        cache.snapshot(repo.dir().toString(), first);
        for (int i = 0; i < BareClone.PACK_LIMIT; i++) {
            cache.snapshot(repo.dir().toString(), repo.write("a.yaml", i + "\n").commit("revision " + i));
        }
        Path clone = onlyClone();
        ClonePacks.age(clone, BareClone.PACK_GRACE.plusMinutes(1));
        String last = repo.write("a.yaml", "last\n").commit("last");

        assertThat(cache.snapshot(repo.dir().toString(), last).readText("a.yaml")).isEqualTo("last\n");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ClonePacks.count(clone))
                .as("one pack of every older fetch, and the last fetch's own").isEqualTo(2));
        assertThat(cache.snapshot(repo.dir().toString(), first).readText("a.yaml")).isEqualTo("first\n");
    }

    private Path onlyClone() throws IOException {
        try (Stream<Path> clones = Files.list(temp.resolve("clones"))) {
            List<Path> all = clones.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
