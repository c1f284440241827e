package io.flotilla.gitwatcher.commit;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import io.flotilla.events.CommitDetected;
import io.flotilla.gitwatcher.mirror.Head;
import io.flotilla.gitwatcher.source.GitSource;

/**
 * Decides whether a source's head is news, and what changed since the last commit emitted for the
 * source. Changes are counted from the last emitted commit, not from the head's parent, so commits
 * pushed between two fetches arrive as one event carrying all their paths. A head that does not
 * descend from the last emitted commit was force-pushed, and the event says so.
 */
public final class CommitDetector {

    private CommitDetector() {
    }

    /**
     * The event names the branch of a source following one, else the full ref of the tag it stands at
     * ({@code refs/tags/v1.4.0}), which no branch name can be mistaken for.
     *
     * @param lastEmitted the sha of the last commit emitted for {@code source}, or null if none was
     * @return the commit to emit, or empty when {@code head} was already emitted
     */
    public static Optional<CommitDetected> detect(Repository repository, GitSource source, Head head,
            String lastEmitted) {
        if (head.commit().name().equals(lastEmitted)) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(head.commit());
            RevCommit base = lastEmitted == null ? null : find(walk, lastEmitted);
            boolean forced = lastEmitted != null && (base == null || !walk.isMergedInto(base, commit));
            List<String> paths = base == null
                    ? ChangedPaths.all(repository, commit.getTree())
                    : ChangedPaths.between(repository, base.getTree(), commit.getTree());
            PersonIdent author = commit.getAuthorIdent();
            return Optional.of(new CommitDetected(
                    source.repository(),
                    source.branch() != null ? source.branch() : head.ref(),
                    head.commit().name(),
                    lastEmitted,
                    paths,
                    author.getName() + " <" + author.getEmailAddress() + ">",
                    commit.getFullMessage().strip(),
                    commit.getCommitterIdent().getWhenAsInstant(),
                    forced));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read commit " + head.commit().name() + " of " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last emitted commit can be gone: the mirror was wiped and the history rewritten meanwhile.
     * Then nothing is known about what changed, and every path is reported, so nothing is missed; it is
     * not in the fetched history, so the branch was rewritten.
     */
    private static RevCommit find(RevWalk walk, String sha) throws IOException {
        try {
            return walk.parseCommit(ObjectId.fromString(sha));
        } catch (MissingObjectException | IllegalArgumentException e) {
            return null;
        }
    }
}
