package io.flotilla.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.testing.git.ClonePacks;
import io.flotilla.testing.git.GitRepo;

class ClonePackingTest {

    private static final RefSpec MAIN = new RefSpec("+refs/heads/main:refs/heads/main");

    @TempDir
    Path temp;

    @Test
    void aCloneFetchedPastThePackLimitIsPackedOnItsOwnThreadAndStillReadsEveryCommit()
            throws Exception {
        try (GitRepo repo = GitRepo.init(temp.resolve("fleet"));
                BareClone clone = BareClone.open(repo.dir().toString(), temp.resolve("clones"));
                ClonePacking packing = new ClonePacking("test-packing")) {
            Path dir = clone.repository().getDirectory().toPath();
            String first = repo.write("a.yaml", "first").commit("first");
            clone.fetch(MAIN).call();
            for (int i = 0; i < BareClone.PACK_LIMIT; i++) {
                repo.write("a.yaml", "revision " + i).commit("revision " + i);
                clone.fetch(MAIN).call();
            }
            ClonePacks.age(dir, BareClone.PACK_GRACE.plusMinutes(1));

            packing.fetched(clone);

            Instant limit = Instant.now().plus(Duration.ofSeconds(30));
            while (ClonePacks.count(dir) > 1 && Instant.now().isBefore(limit)) {
                Thread.sleep(50);
            }
            assertThat(ClonePacks.count(dir)).isEqualTo(1);
            assertThat(clone.has(ObjectId.fromString(first))).isTrue();
        }
    }
}
