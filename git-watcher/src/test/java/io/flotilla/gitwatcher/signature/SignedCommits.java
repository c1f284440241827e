package io.flotilla.gitwatcher.signature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GpgSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import io.flotilla.testing.git.GitRepo;

/**
 * Signs commits as {@code git commit -S} does: the commit object without a {@code gpgsig} header is signed,
 * and the signature goes into that header. The head of a branch is replaced by its signed twin (same tree,
 * parents, author, committer and message), so a test commits with {@code GitRepo} and then signs.
 */
public final class SignedCommits {

    private SignedCommits() {
    }

    /** Replaces the head of {@code main} in the repository at {@code dir} with the same commit signed by {@code key}. */
    public static String signHead(Path dir, OpenPgpKey key) {
        return replaceHead(dir, key::sign);
    }

    /**
     * Replaces the head with a commit carrying {@code key}'s signature of a different message: a commit altered
     * after it was signed.
     */
    public static String signHeadThenAlter(Path dir, OpenPgpKey key) {
        return replaceHead(dir, payload -> key.sign(new String(payload, StandardCharsets.UTF_8)
                .replace("\n\n", "\n\nAltered: ").getBytes(StandardCharsets.UTF_8)));
    }

    private static String replaceHead(Path dir, Function<byte[], String> signer) {
        try (Repository repository = new FileRepositoryBuilder().findGitDir(dir.toFile()).build();
                RevWalk walk = new RevWalk(repository);
                ObjectInserter inserter = repository.newObjectInserter()) {
            String branch = Constants.R_HEADS + GitRepo.BRANCH;
            RevCommit head = walk.parseCommit(repository.resolve(branch));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(head.getTree());
            commit.setParentIds(head.getParents());
            commit.setAuthor(head.getAuthorIdent());
            commit.setCommitter(head.getCommitterIdent());
            commit.setMessage(head.getFullMessage());
            commit.setGpgSignature(new GpgSignature(signer.apply(commit.build()).getBytes(StandardCharsets.US_ASCII)));
            ObjectId signed = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(branch);
            update.setNewObjectId(signed);
            update.setExpectedOldObjectId(head);
            RefUpdate.Result result = update.forceUpdate();
            if (result != RefUpdate.Result.FORCED && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("cannot move " + branch + " of " + dir + " to the signed commit: " + result);
            }
            return signed.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
