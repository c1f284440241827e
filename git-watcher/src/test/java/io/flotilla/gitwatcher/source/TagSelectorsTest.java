package io.flotilla.gitwatcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;
import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.testing.git.GitRepo;

/** Which tag a source following tags stands at, against a real repository and its mirror. */
class TagSelectorsTest {

    @TempDir
    Path temp;

    GitRepo repo;
    Git git;
    BareMirror mirror;

    @BeforeEach
    void createRepository() throws Exception {
        repo = GitRepo.init(temp.resolve("fleet"));
        git = Git.open(repo.dir().toFile());
        mirror = BareMirror.open(repo.dir().toString(), temp.resolve("work"));
    }

    @AfterEach
    void close() {
        mirror.close();
        git.close();
        repo.close();
    }

    @Test
    void semverRangeChoosesTheHighestVersionWithinIt() throws Exception {
        String v1 = commitAndTag("v1.0.0");
        commitAndTag("v1.2.0");
        String v110 = commitAndTag("v1.10.0");
        commitAndTag("v1.11.0-rc.1");
        commitAndTag("v2.0.0");
        commitAndTag("latest");

        assertThat(resolve(new SemverTags("^1.0"))).isEqualTo(new Head("refs/tags/v1.10.0", id(v110)));
        assertThat(resolve(new SemverTags("~1.0.0"))).isEqualTo(new Head("refs/tags/v1.0.0", id(v1)));
    }

    @Test
    void aDeletedTagIsNoLongerChosen() throws Exception {
        String v12 = commitAndTag("v1.2.0");
        commitAndTag("v1.3.0");
        assertThat(resolve(new SemverTags("1.x")).ref()).isEqualTo("refs/tags/v1.3.0");

        git.tagDelete().setTags("v1.3.0").call();

        assertThat(resolve(new SemverTags("1.x"))).isEqualTo(new Head("refs/tags/v1.2.0", id(v12)));
    }

    @Test
    void tagPatternChoosesTheNewestMatchingTagByTagDate() throws Exception {
        String later = repo.write("a.yaml", "1").commit("one");
        repo.write("a.yaml", "2").commit("two");
        annotatedTag("release-2026.11.02", later, Instant.parse("2026-11-02T10:00:00Z"));
        annotatedTag("release-2026.10.30", repo.head(), Instant.parse("2026-10-30T10:00:00Z"));
        annotatedTag("other-2026.12.01", repo.head(), Instant.parse("2026-12-01T10:00:00Z"));

        assertThat(resolve(new TagGlob("release-*"))).isEqualTo(new Head("refs/tags/release-2026.11.02", id(later)));
    }

    @Test
    void noMatchingTagIsReportedWithTheRepositoryAndTheRange() {
        commitAndTag("v0.9.0");

        assertThatThrownBy(() -> resolve(new SemverTags(">=1.0.0")))
                .isInstanceOf(MirrorException.class)
                .hasMessageContaining(repo.dir().toString())
                .hasMessageContaining(">=1.0.0");
    }

    @Test
    void tagPushesMoveOnlyTheSourcesTheyCanMove() {
        assertThat(new SemverTags("^1.2").movedBy("refs/tags/v1.4.0")).isTrue();
        assertThat(new SemverTags("^1.2").movedBy("refs/tags/v2.0.0")).isFalse();
        assertThat(new SemverTags("^1.2").movedBy("refs/heads/v1.4.0")).isFalse();
        assertThat(new TagGlob("release-*").movedBy("refs/tags/release-7")).isTrue();
        assertThat(new TagGlob("release-*").movedBy("refs/tags/team/release-7")).isFalse();
        assertThat(new BranchRef("main").movedBy("refs/tags/main")).isFalse();
        assertThat(new BranchRef("main").movedBy("refs/heads/main")).isTrue();
    }

    @Test
    void oneOfBranchTagsOrSemverIsFollowedAndItsKeyReadsBack() {
        assertThat(RefSelector.of(null, null, null, "main")).isEqualTo(new BranchRef("main"));
        assertThat(RefSelector.of(null, "v*", null, "main")).isEqualTo(new TagGlob("v*"));
        for (RefSelector selector : new RefSelector[] {new BranchRef("release/2026"), new TagGlob("v*"),
                new SemverTags(">=1.0.0 <2.0.0")}) {
            assertThat(RefSelector.fromKey(selector.positionKey())).isEqualTo(selector);
        }
        assertThatThrownBy(() -> RefSelector.of("main", "v*", null, "main"))
                .hasMessageContaining("one of branch, tags or semver");
        assertThatThrownBy(() -> RefSelector.of(null, null, "newest please", "main"))
                .hasMessageContaining("'newest please' is not a semver range");
    }

    private Head resolve(RefSelector selector) {
        return selector.resolve(mirror, RemoteAccess.NONE);
    }

    private String commitAndTag(String tag) {
        String sha = repo.write("version.txt", tag).commit("Release " + tag);
        try {
            git.tag().setName(tag).setAnnotated(false).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return sha;
    }

    private void annotatedTag(String name, String sha, Instant when) throws Exception {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            git.tag().setName(name).setMessage("Release " + name).setAnnotated(true)
                    .setTagger(new PersonIdent(new PersonIdent("Ada Ops", "ada@example.com"), when))
                    .setObjectId(walk.parseCommit(id(sha))).call();
        }
    }

    private static ObjectId id(String sha) {
        return ObjectId.fromString(sha);
    }
}
