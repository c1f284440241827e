package io.flotilla.imageupdater.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.flotilla.git.BareClone;
import io.flotilla.git.ClonePacking;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.secret.SecretsUnavailableException;
import io.flotilla.git.secret.SourceSecretException;
import io.flotilla.imageupdater.declaration.SourceFiles;

/**
 * The image-updater's own bare clone ({@link BareClone}) of each Git source it reads declarations from, under one
 * folder, with every branch. A commit already in the clone is read without touching the network; otherwise the
 * clone fetches what is new first, with the credentials its commits carry sealed when its source was added through
 * git-watcher's API ({@link io.flotilla.git.SealedSourceAccess}), else the Secret configured for the repository
 * ({@code flotilla.source-secrets.repositories}, read at each fetch: the renderer fetches it with the same one).
 * Files are read from Git's object database; nothing is checked out.
 */
public final class SourceRepositories implements AutoCloseable {

    private static final int FETCH_TIMEOUT_SECONDS = 120;
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");

    private final Path root;
    private final GitCredentials credentials;
    private final Map<String, BareClone> clones = new HashMap<>();
    /** The sealed access the last commit of each repository carried, kept sealed, for its later fetches. */
    private final Map<String, String> sealedAccess = new HashMap<>();
    /** Each clone is packed beside its fetches, so that reading a commit stays fast however many came before. */
    private final ClonePacking packing = new ClonePacking("source-packing");

    public SourceRepositories(Path root, GitCredentials credentials) {
        this.root = root;
        this.credentials = credentials;
    }

    /**
     * The YAML files of commit {@code sha} of {@code repository} (a local path or a URL, as git-watcher names it).
     *
     * @throws SourceUnavailableException when the repository cannot be read (its Secret missing or refused among
     *                                    the reasons), or has no such commit
     */
    public synchronized SourceFiles yamlFiles(String repository, String sha) {
        return yamlFiles(repository, sha, null);
    }

    /**
     * {@link #yamlFiles(String, String)} of a commit that carries the credentials of its source sealed
     * ({@code CommitDetected.access}: a source added through git-watcher's API), which are used, and kept sealed for
     * the repository's later fetches, in place of the Secret configured for it.
     *
     * @param access the sealed access; null when the commit carries none
     */
    public synchronized SourceFiles yamlFiles(String repository, String sha, String access) {
        if (access != null) {
            sealedAccess.put(repository, access);
        }
        ObjectId commit;
        try {
            commit = ObjectId.fromString(sha);
        } catch (IllegalArgumentException e) {
            throw new SourceUnavailableException("'" + sha + "' is not a commit sha of " + repository);
        }
        try {
            BareClone clone = clones.computeIfAbsent(repository, remote -> BareClone.open(remote, root));
            if (!clone.has(commit)) {
                fetch(clone);
            }
            if (!clone.has(commit)) {
                throw new SourceUnavailableException("commit " + sha + " is not on any branch of " + repository);
            }
            return read(clone.repository(), commit);
        } catch (IOException | UncheckedIOException e) {
            throw new SourceUnavailableException("cannot read commit " + sha + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    /** Messages name the repository and the Secret, never a value: credentials are never in a URL. */
    private void fetch(BareClone clone) {
        String sealed = sealedAccess.get(clone.remote());
        GitCredentials.Fetching fetching;
        try {
            fetching = sealed != null ? credentials.accessForCommit(clone.remote(), sealed, "its commit")
                    : credentials.access(clone.remote(), null,
                            "the Secret configured for it (flotilla.source-secrets.repositories)");
        } catch (SourceSecretException | SecretsUnavailableException e) {
            throw new SourceUnavailableException("cannot fetch " + clone.remote() + ": " + e.getMessage(), e);
        }
        try (fetching) {
            FetchCommand fetch = clone.fetch(BRANCHES).setRemoveDeletedRefs(true).setTimeout(FETCH_TIMEOUT_SECONDS);
            fetching.remote().configure(fetch);
            fetch.call();
            packing.fetched(clone);
        } catch (GitAPIException | RuntimeException e) {
            throw new SourceUnavailableException("cannot fetch " + clone.remote() + ": "
                    + GitCredentials.reason(e, fetching.credentials()), e);
        }
    }

    private static SourceFiles read(Repository repository, ObjectId commit) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (RevWalk revWalk = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository);
                ObjectReader reader = repository.newObjectReader()) {
            walk.addTree(revWalk.parseCommit(commit).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                if ((path.endsWith(".yaml") || path.endsWith(".yml"))
                        && (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE)) {
                    files.put(path, new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return new SourceFiles() {
            @Override
            public Collection<String> paths() {
                return files.keySet();
            }

            @Override
            public String read(String path) {
                return files.get(path);
            }
        };
    }

    @Override
    public synchronized void close() {
        packing.close();
        clones.values().forEach(BareClone::close);
        clones.clear();
    }
}
