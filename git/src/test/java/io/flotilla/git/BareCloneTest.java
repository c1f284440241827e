package io.flotilla.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.testing.git.ClonePacks;
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

    /**
     * Past JGit's own limit of 50 packs, a fetch would repack the whole clone before it returned, every time while
     * the packs it replaced stayed (an hour): each fetch keeps its pack instead, for {@link BareClone#tidy()}.
     */
    @Test
    void aFetchNeverRepacksTheClone() throws GitAPIException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareClone clone = BareClone.open(repo.dir().toString(), temp.resolve("clones"))) {
            for (int i = 0; i < 55; i++) {
                repo.write("a.yaml", "revision " + i).commit("revision " + i);
                clone.fetch(MAIN).call();
            }

            assertThat(ClonePacks.count(clone.repository().getDirectory().toPath())).isEqualTo(55);
        }
    }

    @Test
    void packsOlderThanTheGraceAreGatheredIntoOneAndAFetchsYoungPackIsKept() throws GitAPIException, IOException {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareClone clone = BareClone.open(repo.dir().toString(), temp.resolve("clones"))) {
            Path dir = clone.repository().getDirectory().toPath();
            List<String> shas = new ArrayList<>();
            for (int i = 0; i <= BareClone.PACK_LIMIT; i++) {
                shas.add(repo.write("a.yaml", "revision " + i).commit("revision " + i));
                clone.fetch(MAIN).call();
                assertThat(clone.tidy()).as("packs of fetches within the grace are left alone").isFalse();
            }
            ClonePacks.age(dir, BareClone.PACK_GRACE.plusMinutes(1));
            shas.add(repo.write("a.yaml", "fetched just before packing").commit("fetched just before packing"));
            clone.fetch(MAIN).call();

            assertThat(clone.tidy()).isTrue();
            assertThat(ClonePacks.count(dir)).as("the new pack and the young one a fetch may still need").isEqualTo(2);
            assertThat(clone.tidy()).as("nothing old is left to pack").isFalse();
            for (String sha : shas) {
                assertThat(clone.has(ObjectId.fromString(sha))).as(sha).isTrue();
            }
            String next = repo.write("a.yaml", "after packing").commit("after packing");
            clone.fetch(MAIN).call();
            assertThat(clone.repository().exactRef("refs/heads/main").getObjectId().name()).isEqualTo(next);
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
