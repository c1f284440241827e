package io.flotilla.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.GC;
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
 * and how to prove who is fetching, is the caller's: the git-watcher's mirrors, the renderer's repositories and
 * the image-updater's sources are built on this.
 *
 * <p>Each fetch leaves a pack, and reading an object looks through the packs one by one, so the caller packs them
 * into one beside its fetches ({@link #tidy()}, or {@link ClonePacking} for it). JGit's own packing inside a fetch is
 * off: past 50 packs it repacked the whole clone in every fetch (the packs it replaced stay for an hour), holding up
 * that fetch and the render or commit waiting for it.
 */
public final class BareClone implements AutoCloseable {

    /** Packs older than {@link #PACK_GRACE} a clone may gather before {@link #tidy()} packs them into one. */
    public static final int PACK_LIMIT = 20;
    /** How long a fetch's pack is left alone by {@link #tidy()}: far longer than a fetch takes to move its ref. */
    public static final Duration PACK_GRACE = Duration.ofMinutes(10);

    private final String remote;
    private final Repository repository;
    /** Held while packing: one packing of a clone at a time, beside its fetches. */
    private final Object packing = new Object();

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
            // No housekeeping inside a fetch (see the class comment): tidy() packs, beside the fetches.
            StoredConfig config = repository.getConfig();
            config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
            config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
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

    /**
     * Packs the clone into one pack once fetches have left more than {@value #PACK_LIMIT} packs older than
     * {@link #PACK_GRACE}, so reading stays fast. Safe beside fetches and reads: the repack keeps what the refs reach
     * when it starts, and a fetch writes its pack before it moves its ref, so a pack younger than the grace may hold
     * objects a ref is about to point to. Such packs are kept (and not counted); the older ones, all inside the new
     * pack, are deleted, and a read that had one open finds its object in the new pack.
     *
     * @return whether it packed
     * @throws UncheckedIOException naming the remote and the folder when the clone cannot be packed
     */
    public boolean tidy() {
        synchronized (packing) {
            Path packs = repository.getDirectory().toPath().resolve("objects").resolve("pack");
            long graceStart = System.currentTimeMillis() - PACK_GRACE.toMillis();
            try (Stream<Path> files = Files.list(packs)) {
                long old = files.filter(file -> file.getFileName().toString().endsWith(".pack"))
                        .filter(file -> file.toFile().lastModified() < graceStart).count();
                if (old <= PACK_LIMIT) {
                    return false;
                }
                GC gc = new GC((FileRepository) repository);
                gc.setPackExpireAgeMillis(PACK_GRACE.toMillis());
                gc.repack();
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot pack the local clone of " + remote + " in "
                        + repository.getDirectory() + ": " + e.getMessage(), e);
            }
        }
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
