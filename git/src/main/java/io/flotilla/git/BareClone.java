package io.flotilla.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.util.FileUtils;

import io.flotilla.git.outbound.OutboundGate;
import io.flotilla.git.outbound.OutboundPolicy;

/**
 * The local bare clone of one remote, in a folder of its own under a folder of clones. Nothing is ever checked
 * out: commits and trees are read from the object database, and each fetch brings only the objects the clone
 * lacks. A clone outlives the process: opened again, it has everything it fetched before. Which refs to fetch,
 * and how to prove who is fetching, is the caller's: the git-watcher's mirrors and the renderer's repositories
 * are built on this.
 */
public final class BareClone implements AutoCloseable {

    private final String remote;
    private final Repository repository;

    private BareClone(String remote, Repository repository) {
        this.remote = remote;
        this.repository = repository;
    }

    /**
     * Opens the clone of {@code remote} (a local path or a URL) under {@code root}, creating an empty one the
     * first time.
     *
     * @throws UncheckedIOException naming the remote and the folder when the clone cannot be opened or created
     */
    public static BareClone open(String remote, Path root) {
        Path dir = root.resolve(directoryName(remote));
        try {
            Files.createDirectories(dir);
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (!repository.getObjectDatabase().exists()) {
                repository.create(true);
            }
            // Git's housekeeping after a fetch runs before the fetch returns, not in a process of its own that
            // could outlive the clone.
            StoredConfig config = repository.getConfig();
            config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            config.save();
            return new BareClone(remote, repository);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local clone of " + remote + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A fetch of {@code refSpecs} from the remote, for the caller to add its timeout and credentials to and call. */
    public FetchCommand fetch(RefSpec... refSpecs) {
        return Git.wrap(repository).fetch().setRemote(remote).setRefSpecs(refSpecs);
    }

    /**
     * {@link #fetch(RefSpec...)} of a remote a user named: over HTTP, through {@code outbound}'s
     * {@link OutboundGate}, so that the policy holds at the connection. Other transports (SSH) connect directly.
     */
    public FetchCommand fetch(OutboundPolicy outbound, RefSpec... refSpecs) {
        if (!outbound.checksConnections()) {
            return fetch(refSpecs);
        }
        return new GatedFetch(repository, remote, OutboundGate.of(outbound)).setRemote(remote).setRefSpecs(refSpecs);
    }

    /** A fetch whose HTTP transport connects through a gate, whatever else its caller configures on the transport. */
    private static final class GatedFetch extends FetchCommand {

        private final String remote;
        private final OutboundGate gate;

        GatedFetch(Repository repository, String remote, OutboundGate gate) {
            super(repository);
            this.remote = remote;
            this.gate = gate;
            setTransportConfigCallback(null);
        }

        /** A refused connection says why, where JGit would only say that the server answered 403. */
        @Override
        public FetchResult call() throws GitAPIException {
            try {
                return super.call();
            } catch (TransportException e) {
                Optional<String> refused = remote.contains("://") ? gate.refusal(URI.create(remote))
                        : Optional.empty();
                if (refused.isPresent()) {
                    throw new TransportException(remote + ": " + refused.get(), e);
                }
                throw e;
            }
        }

        @Override
        public FetchCommand setTransportConfigCallback(TransportConfigCallback callback) {
            return super.setTransportConfigCallback(transport -> {
                if (callback != null) {
                    callback.configure(transport);
                }
                if (transport instanceof TransportHttp http) {
                    http.setHttpConnectionFactory(gate.connections());
                }
            });
        }
    }

    /** Whether the clone holds {@code object} already, so that reading it needs no fetch. */
    public boolean has(AnyObjectId object) throws IOException {
        return repository.getObjectDatabase().has(object);
    }

    /** The remote as given: a local path or a URL. */
    public String remote() {
        return remote;
    }

    public Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        repository.close();
    }

    /** Closes the clone and deletes its folder: it is fetched from scratch if it is ever opened again. */
    public void delete() throws IOException {
        repository.close();
        FileUtils.delete(repository.getDirectory(), FileUtils.RECURSIVE | FileUtils.RETRY);
    }

    /**
     * The clone's folder under the root: readable for whoever looks into it (the remote's last path segment), and
     * distinct for remotes that end alike (a hash of the whole remote).
     */
    public static String directoryName(String remote) {
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
