package io.flotilla.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.testing.git.GitRepo;

class BareCloneTest {

    private static final RefSpec MAIN = new RefSpec("+refs/heads/main:refs/heads/main");

    @TempDir
    Path temp;

    @Test
    void fetchesIntoABareRepositoryWithoutAWorkingTree() throws GitAPIException, IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareClone clone = BareClone.open(repo.dir().toString(), temp.resolve("clones"))) {
            String first = repo.write("a.yaml", "a").commit("a");
            clone.fetch(MAIN).call();
            String second = repo.write("a.yaml", "changed").commit("change a");
            clone.fetch(MAIN).call();

            assertThat(clone.has(ObjectId.fromString(first))).isTrue();
            assertThat(clone.repository().exactRef("refs/heads/main").getObjectId().name()).isEqualTo(second);
            assertThat(clone.repository().isBare()).isTrue();
            assertThat(clone.repository().getDirectory().toPath().resolve("a.yaml")).doesNotExist();
        }
    }

    @Test
    void reopenedCloneKeepsWhatItFetched() throws GitAPIException, IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"))) {
            String sha = repo.write("a.yaml", "a").commit("a");
            try (BareClone clone = BareClone.open(repo.uri().toString(), temp.resolve("clones"))) {
                clone.fetch(MAIN).call();
            }
            try (BareClone reopened = BareClone.open(repo.uri().toString(), temp.resolve("clones"))) {
                assertThat(reopened.has(ObjectId.fromString(sha))).isTrue();
            }
        }
    }

    @Test
    void deletedCloneLeavesNoFolder() throws IOException {
        BareClone clone = BareClone.open(temp.resolve("fleet").toString(), temp.resolve("clones"));
        Path dir = clone.repository().getDirectory().toPath();

        clone.delete();

        assertThat(dir).doesNotExist();
    }

    @Test
    void remotesThatEndAlikeGetTheirOwnClone() {
        assertThat(BareClone.directoryName("https://git.example.com/team-a/fleet.git"))
                .startsWith("fleet-")
                .endsWith(".git")
                .isNotEqualTo(BareClone.directoryName("https://git.example.com/team-b/fleet.git"));
    }
}
