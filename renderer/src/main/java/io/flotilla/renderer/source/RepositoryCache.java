package io.flotilla.renderer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;

import io.flotilla.git.BareClone;

/**
 * The renderer's own bare clone ({@link BareClone}) of each repository it renders, under one folder, with every
 * branch and tag. A commit already in the clone is read without touching the network; otherwise the clone
 * fetches what is new (incrementally: only the objects it lacks).
 */
public final class RepositoryCache implements AutoCloseable {

    private static final int FETCH_TIMEOUT_SECONDS = 120;
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    private final Path root;
    private final Map<String, BareClone> clones = new HashMap<>();

    public RepositoryCache(Path root) {
        this.root = root;
    }

    /**
     * The files of commit {@code sha} of {@code repository} (a local path or a URL, as the git-watcher names it).
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched for now
     * @throws CommitNotFoundException        when it was fetched and lacks the commit
     */
    public synchronized CommitSnapshot snapshot(String repository, String sha) {
        ObjectId commit = parseSha(repository, sha);
        BareClone clone = clones.computeIfAbsent(repository, this::open);
        try {
            if (!clone.has(commit)) {
                fetch(clone);
            }
            if (!clone.has(commit)) {
                throw new CommitNotFoundException("commit " + sha + " is not on any branch of " + repository);
            }
            return CommitSnapshot.read(repository, clone.repository(), commit);
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read commit " + sha + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The files of {@code repository} at {@code ref} as it is now: the clone fetches what is new first (only the
     * objects it lacks), unless {@code ref} is a commit it already has.
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched or has no such ref
     */
    public synchronized CommitSnapshot snapshotAt(String repository, GitRef ref) {
        BareClone clone = clones.computeIfAbsent(repository, this::open);
        try {
            if (ref.kind() != GitRef.Kind.COMMIT || !has(clone, ref.value())) {
                fetch(clone);
            }
            ObjectId commit = GitRefs.resolve(clone.repository(), ref).orElseThrow(
                    () -> new RepositoryUnavailableException(repository + " has no " + ref));
            return CommitSnapshot.read(repository, clone.repository(), commit);
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read " + ref + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean has(BareClone clone, String sha) throws IOException {
        try {
            return clone.has(ObjectId.fromString(sha));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        clones.values().forEach(BareClone::close);
        clones.clear();
    }

    private static ObjectId parseSha(String repository, String sha) {
        try {
            return ObjectId.fromString(sha);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CommitNotFoundException("'" + sha + "' is not a commit sha of " + repository, e);
        }
    }

    private BareClone open(String repository) {
        try {
            return BareClone.open(repository, root);
        } catch (UncheckedIOException e) {
            throw new RepositoryUnavailableException(e.getMessage(), e);
        }
    }

    private static void fetch(BareClone clone) {
        try {
            clone.fetch(BRANCHES, TAGS)
                    .setRemoveDeletedRefs(true)
                    .setTimeout(FETCH_TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new RepositoryUnavailableException("cannot fetch " + clone.remote() + ": " + e.getMessage(), e);
        }
    }
}
