package io.flotilla.gitwatcher.commit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.CommitDetected;
import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;
import io.flotilla.gitwatcher.source.BranchRef;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.testing.git.GitRepo;

class CommitDetectorTest {

    @TempDir
    Path temp;

    GitRepo repo;
    GitSource source;
    BareMirror mirror;

    @BeforeEach
    void createRepository() {
        repo = GitRepo.init(temp.resolve("fleet"));
        source = new GitSource(repo.dir().toString(), new BranchRef("main"));
        mirror = BareMirror.open(source.repository(), temp.resolve("work"));
    }

    @AfterEach
    void close() {
        mirror.close();
        repo.close();
    }

    @Test
    void firstCommitSeenReportsEveryPathOfItsTree() {
        String sha = repo.write("releases/dev/app.yaml", "dev")
                .write("releases/prod/app.yaml", "prod")
                .write("charts/app/Chart.yaml", "name: app")
                .commit("Add the app");

        CommitDetected commit = detect(null);

        assertThat(commit.sha()).isEqualTo(sha);
        assertThat(commit.parent()).isNull();
        assertThat(commit.changedPaths())
                .containsExactly("charts/app/Chart.yaml", "releases/dev/app.yaml", "releases/prod/app.yaml");
        assertThat(commit.repository()).isEqualTo(repo.dir().toString());
        assertThat(commit.branch()).isEqualTo("main");
        assertThat(commit.message()).isEqualTo("Add the app");
        assertThat(commit.author()).isEqualTo("Flotilla Tests <tests@flotilla.io>");
        assertThat(commit.committedAt()).isNotNull();
    }

    @Test
    void nextCommitReportsExactlyThePathsItChangedAndTheLastEmittedCommitAsParent() {
        String first = repo.write("releases/dev/app.yaml", "dev")
                .write("releases/prod/app.yaml", "prod")
                .write("common/namespaces.yaml", "ns")
                .commit("Add the app");
        String second = repo.write("releases/dev/app.yaml", "dev, changed")
                .write("releases/stg/app.yaml", "stg")
                .delete("common/namespaces.yaml")
                .commit("Change dev, add stg, drop namespaces");

        CommitDetected commit = detect(first);

        assertThat(commit.sha()).isEqualTo(second);
        assertThat(commit.parent()).isEqualTo(first);
        assertThat(commit.changedPaths())
                .containsExactly("common/namespaces.yaml", "releases/dev/app.yaml", "releases/stg/app.yaml");
    }

    @Test
    void commitsPushedBetweenTwoFetchesArriveAsOneWithAllTheirPaths() {
        String emitted = repo.write("a.yaml", "a").commit("a");
        repo.write("b.yaml", "b").commit("b");
        String head = repo.write("c/d.yaml", "d").commit("c/d");

        CommitDetected commit = detect(emitted);

        assertThat(commit.sha()).isEqualTo(head);
        assertThat(commit.parent()).isEqualTo(emitted);
        assertThat(commit.changedPaths()).containsExactly("b.yaml", "c/d.yaml");
        assertThat(commit.forced()).isFalse();
    }

    @Test
    void rewrittenHistoryIsForcedAndReportsThePathsThatDifferFromTheLastEmittedCommit() throws Exception {
        String base = repo.write("a.yaml", "a").commit("a");
        String emitted = repo.write("b.yaml", "b").commit("b");
        mirror.fetch("main", RemoteAccess.NONE);
        try (Git git = Git.open(repo.dir().toFile())) {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();
        }
        String rewritten = repo.write("c.yaml", "c").commit("c instead of b");

        CommitDetected commit = detect(emitted);

        assertThat(commit.sha()).isEqualTo(rewritten);
        assertThat(commit.parent()).isEqualTo(emitted);
        assertThat(commit.changedPaths()).containsExactly("b.yaml", "c.yaml");
        assertThat(commit.forced()).isTrue();
    }

    @Test
    void headAlreadyEmittedIsNoNews() {
        String sha = repo.write("a.yaml", "a").commit("a");

        assertThat(CommitDetector.detect(mirror.repository(), source, head(), sha)).isEmpty();
    }

    @Test
    void lastEmittedCommitUnknownToTheMirrorIsForcedAndReportsEveryPath() {
        String head = repo.write("a.yaml", "a").write("b/c.yaml", "c").commit("a");
        String rewrittenAway = "0123456789abcdef0123456789abcdef01234567";

        CommitDetected commit = detect(rewrittenAway);

        assertThat(commit.sha()).isEqualTo(head);
        assertThat(commit.parent()).isEqualTo(rewrittenAway);
        assertThat(commit.changedPaths()).containsExactly("a.yaml", "b/c.yaml");
        assertThat(commit.forced()).isTrue();
    }

    private CommitDetected detect(String lastEmitted) {
        return CommitDetector.detect(mirror.repository(), source, head(), lastEmitted).orElseThrow();
    }

    private Head head() {
        return source.ref().resolve(mirror, RemoteAccess.NONE);
    }
}
