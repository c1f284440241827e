package io.flotilla.renderer.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

import io.flotilla.renderer.digest.Digests;

/**
 * The renderer's own bare clone of each repository it renders, under one folder. A commit already in the
 * clone is read without touching the network; otherwise the clone fetches what is new (incrementally:
 * only the objects it lacks).
 */
public final class RepositoryCache implements AutoCloseable {

    private static final int FETCH_TIMEOUT_SECONDS = 120;
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

    private final Path root;
    private final Map<String, Repository> clones = new HashMap<>();

    public RepositoryCache(Path root) {
        this.root = root;
    }

    /**
     * The files of commit {@code sha} of {@code repository} (a local path or a URL, as the git-watcher names it).
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched or lacks the commit
     */
    public synchronized CommitSnapshot snapshot(String repository, String sha) {
        ObjectId commit = parseSha(repository, sha);
        Repository clone = clones.computeIfAbsent(repository, this::openOrCreate);
        try {
            if (!clone.getObjectDatabase().has(commit)) {
                fetch(clone, repository);
            }
            if (!clone.getObjectDatabase().has(commit)) {
                throw new RepositoryUnavailableException("commit " + sha + " is not on any branch of " + repository);
            }
            return CommitSnapshot.read(repository, clone, commit);
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
        Repository clone = clones.computeIfAbsent(repository, this::openOrCreate);
        try {
            if (ref.kind() != GitRef.Kind.COMMIT || !has(clone, ref.value())) {
                fetch(clone, repository);
            }
            ObjectId commit = GitRefs.resolve(clone, ref).orElseThrow(() -> new RepositoryUnavailableException(
                    repository + " has no " + ref));
            return CommitSnapshot.read(repository, clone, commit);
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read " + ref + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean has(Repository clone, String sha) throws IOException {
        try {
            return clone.getObjectDatabase().has(ObjectId.fromString(sha));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        clones.values().forEach(Repository::close);
        clones.clear();
    }

    private static ObjectId parseSha(String repository, String sha) {
        try {
            return ObjectId.fromString(sha);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RepositoryUnavailableException("'" + sha + "' is not a commit sha of " + repository, e);
        }
    }

    private Repository openOrCreate(String repository) {
        Path dir = root.resolve(folderName(repository));
        try {
            boolean exists = Files.isDirectory(dir.resolve("objects"));
            Repository clone = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (!exists) {
                Files.createDirectories(dir.getParent());
                clone.create(true);
                // Git's housekeeping after a fetch then runs before the fetch returns, not in a thread of its own.
                StoredConfig config = clone.getConfig();
                config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
                config.save();
            }
            return clone;
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot create the clone of " + repository + " in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private static void fetch(Repository clone, String repository) {
        try (Git git = Git.wrap(clone)) {
            git.fetch()
                    .setRemote(repository)
                    .setRefSpecs(BRANCHES, TAGS)
                    .setRemoveDeletedRefs(true)
                    .setTimeout(FETCH_TIMEOUT_SECONDS)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new RepositoryUnavailableException("cannot fetch " + repository + ": " + e.getMessage(), e);
        }
    }

    /** Readable and unique: the repository's last path segment, then a hash of its whole name. */
    static String folderName(String repository) {
        String trimmed = repository.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return (last.isEmpty() ? "repository" : last) + "-" + Digests.sha256(repository).substring(0, 12) + ".git";
    }

}
