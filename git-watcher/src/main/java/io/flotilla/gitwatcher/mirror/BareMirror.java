package io.flotilla.gitwatcher.mirror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The local bare copy of one remote repository. Each fetch brings only what is new, and the trees
 * it holds are enough to compute changed paths: no working tree is ever checked out.
 */
public final class BareMirror implements AutoCloseable {

    /** Seconds a network read or write may stall before the fetch fails and waits for the next poll. */
    private static final int FETCH_TIMEOUT_SECONDS = 60;

    private final String remote;
    private final Repository repository;

    private BareMirror(String remote, Repository repository) {
        this.remote = remote;
        this.repository = repository;
    }

    /** Opens the mirror of {@code remote} under {@code workDir}, creating an empty one the first time. */
    public static BareMirror open(String remote, Path workDir) {
        Path dir = workDir.resolve(directoryName(remote));
        try {
            Files.createDirectories(dir);
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (!repository.getObjectDatabase().exists()) {
                repository.create(true);
            }
            // Packing after a fetch happens within the fetch, not in a background thread that outlives the mirror.
            StoredConfig config = repository.getConfig();
            config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            config.save();
            return new BareMirror(remote, repository);
        } catch (IOException e) {
            throw new MirrorException("cannot open the local mirror of " + remote + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings {@code branch} up to date with the remote, including a history rewritten by a force-push,
     * and returns its head.
     */
    public ObjectId fetch(String branch) {
        return fetch(branch, RemoteAccess.NONE);
    }

    /** As {@link #fetch(String)}, proving who it is as {@code access} says. */
    public synchronized ObjectId fetch(String branch, RemoteAccess access) {
        String ref = Constants.R_HEADS + branch;
        try {
            FetchCommand fetch = Git.wrap(repository).fetch()
                    .setRemote(remote)
                    .setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setTimeout(FETCH_TIMEOUT_SECONDS);
            access.configure(fetch);
            fetch.call();
            Ref head = repository.exactRef(ref);
            if (head == null || head.getObjectId() == null) {
                throw new MirrorException("branch '" + branch + "' does not exist in " + remote);
            }
            return head.getObjectId();
        } catch (GitAPIException | IOException e) {
            throw new MirrorException("cannot fetch branch '" + branch + "' of " + remote + ": " + e.getMessage(), e);
        }
    }

    public Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        repository.close();
    }

    /** Readable for whoever looks into the work dir, and distinct for remotes that end alike. */
    static String directoryName(String remote) {
        String trimmed = remote.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        String last = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return (last.isEmpty() ? "repository" : last) + "-" + shortHash(remote) + ".git";
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
