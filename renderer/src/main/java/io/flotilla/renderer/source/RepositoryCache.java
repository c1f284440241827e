package io.flotilla.renderer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RefSpec;

import io.flotilla.git.BareClone;
import io.flotilla.git.ClonePacking;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SecretsUnavailableException;
import io.flotilla.git.secret.SourceAuth;
import io.flotilla.git.secret.SourceSecretException;

/**
 * The renderer's own bare clone ({@link BareClone}) of each repository it renders, under one folder, with every
 * branch and tag. A commit already in the clone is read without touching the network; otherwise the clone
 * fetches what is new (incrementally: only the objects it lacks), with the credentials of the Secret its source
 * names or, for the watched repository, those its commits carry sealed (a source added through git-watcher's API,
 * {@link io.flotilla.git.SealedSourceAccess}), else the Secret configured for it ({@link GitCredentials}), read at
 * each fetch.
 *
 * <p>Safe to use from several threads: the fetches of one repository run one at a time (a second waits for the
 * first, then finds what it brought), those of different repositories at once, and a commit already in its clone is
 * read without waiting for any fetch. A commit's objects may be read while its repository fetches: JGit's
 * {@code FileRepository} is thread-safe, a fetch adds a pack moved into place whole and moves refs, and its
 * housekeeping (auto gc) writes new packs before it deletes old ones, keeping unreachable objects for a while.
 */
public final class RepositoryCache implements AutoCloseable {

    private static final int FETCH_TIMEOUT_SECONDS = 120;
    private static final RefSpec BRANCHES = new RefSpec("+refs/heads/*:refs/heads/*");
    private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");
    /** Where the refs of previewed pull requests are kept, apart from the branches. */
    private static final String PREVIEWS = "refs/previews/";

    private final Path root;
    private final GitCredentials credentials;
    private final OutboundPolicy outbound;
    private final Map<String, BareClone> clones = new ConcurrentHashMap<>();
    /** The sealed access the last commit of each repository carried, kept sealed, for its later fetches. */
    private final Map<String, String> sealedAccess = new ConcurrentHashMap<>();
    /** Each clone is packed beside its fetches, so that reading a commit stays fast however many came before. */
    private final ClonePacking packing = new ClonePacking("repository-packing");

    /** Repositories fetched without credentials. */
    public RepositoryCache(Path root) {
        this(root, GitCredentials.none());
    }

    /** The operator's repositories: connected to as they are. */
    public RepositoryCache(Path root, GitCredentials credentials) {
        this(root, credentials, OutboundPolicy.anywhere());
    }

    /**
     * @param outbound where the repositories may be, checked at each connection ({@code OutboundGate}): for
     *                 repositories a commit names
     */
    public RepositoryCache(Path root, GitCredentials credentials, OutboundPolicy outbound) {
        this.root = root;
        this.credentials = credentials;
        this.outbound = outbound;
    }

    /**
     * The files of commit {@code sha} of {@code repository} (a local path or a URL, as the git-watcher names it).
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched for now
     * @throws CommitNotFoundException        when it was fetched and lacks the commit
     */
    public CommitSnapshot snapshot(String repository, String sha) {
        return snapshot(repository, sha, null);
    }

    /**
     * {@link #snapshot(String, String)} of a commit that carries the credentials of its source sealed
     * ({@code CommitDetected.access}: a source added through git-watcher's API), which are used, and kept sealed for
     * the repository's later fetches, in place of the Secret configured for it.
     *
     * @param access the sealed access; null when the commit carries none
     */
    public CommitSnapshot snapshot(String repository, String sha, String access) {
        ObjectId commit = parseSha(repository, sha);
        BareClone clone = fetched(repository, sha, commit, access);
        try {
            return CommitSnapshot.read(repository, clone.repository(), commit);
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read commit " + sha + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether the clone of {@code repository} holds commit {@code sha} already, so that its {@link #snapshot} needs
     * no fetch; without touching the network.
     *
     * @throws RepositoryUnavailableException when the clone cannot be opened
     */
    public boolean has(String repository, String sha) {
        try {
            return has(clones.computeIfAbsent(repository, this::open), sha);
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read the clone of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes sure the clone of {@code repository} holds commit {@code sha}: fetches the branches and tags unless it
     * does, as {@link #snapshot(String, String, String)} would, so that the snapshot after it reads without a fetch.
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched for now
     * @throws CommitNotFoundException        when it was fetched and lacks the commit
     */
    public void fetch(String repository, String sha, String access) {
        fetched(repository, sha, parseSha(repository, sha), access);
    }

    /**
     * The clone of {@code repository}, holding {@code commit} ({@code sha}): fetched first unless it does. A fetch
     * holds its clone's monitor: one fetch of a repository at a time, none of them waited for by a read.
     */
    private BareClone fetched(String repository, String sha, ObjectId commit, String access) {
        BareClone clone = clones.computeIfAbsent(repository, this::open);
        if (access != null) {
            sealedAccess.put(repository, access);
        }
        try {
            if (!clone.has(commit)) {
                synchronized (clone) {
                    if (!clone.has(commit)) {
                        fetch(clone, SourceAuth.NONE, BRANCHES, TAGS);
                    }
                }
            }
            if (!clone.has(commit)) {
                throw new CommitNotFoundException("commit " + sha + " is not on any branch of " + repository);
            }
            return clone;
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read commit " + sha + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The files of {@code repository} at {@code ref} as it is now: the clone fetches what is new first (only the
     * objects it lacks), unless {@code ref} is a commit it already has; with the Secret {@code auth} names (a
     * GitRepository's {@code spec.secretRef}), else the one configured for the repository, if any.
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched (its Secret missing or refused
     *                                        too) or has no such ref
     */
    public CommitSnapshot snapshotAt(String repository, GitRef ref, SourceAuth auth) {
        BareClone clone = clones.computeIfAbsent(repository, this::open);
        try {
            if (ref.kind() != GitRef.Kind.COMMIT || !has(clone, ref.value())) {
                synchronized (clone) {
                    fetch(clone, auth, BRANCHES, TAGS);
                }
            }
            ObjectId commit = GitRefs.resolve(clone.repository(), ref).orElseThrow(
                    () -> new RepositoryUnavailableException(repository + " has no " + ref));
            return CommitSnapshot.read(repository, clone.repository(), commit);
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read " + ref + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes sure the clone has commit {@code sha} of a branch or pull request to preview: fetched with the branches
     * when a branch holds it, else from the first of {@code refs} ({@code refs/pull/7/head}) that holds it, kept
     * under {@code refs/previews/}.
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched
     * @throws CommitNotFoundException        when neither its branches nor {@code refs} hold the commit
     */
    public void fetchPreview(String repository, String sha, List<String> refs) {
        ObjectId commit = parseSha(repository, sha);
        BareClone clone = clones.computeIfAbsent(repository, this::open);
        synchronized (clone) {
            fetchPreview(clone, commit, sha, refs);
        }
    }

    private void fetchPreview(BareClone clone, ObjectId commit, String sha, List<String> refs) {
        String repository = clone.remote();
        try {
            if (clone.has(commit)) {
                return;
            }
            fetch(clone, SourceAuth.NONE, BRANCHES, TAGS);
            for (String ref : refs) {
                if (clone.has(commit)) {
                    return;
                }
                try {
                    fetch(clone, SourceAuth.NONE, new RefSpec("+" + ref + ":" + PREVIEWS
                            + ref.substring(Constants.R_REFS.length())));
                } catch (RepositoryUnavailableException e) {
                    // A host keeps a pull request under one of the refs only: the next is tried.
                }
            }
            if (!clone.has(commit)) {
                throw new CommitNotFoundException("commit " + sha + " is neither on a branch of " + repository
                        + " nor in " + refs);
            }
        } catch (IOException e) {
            throw new RepositoryUnavailableException("cannot read commit " + sha + " of " + repository + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean has(BareClone clone, String sha) throws IOException {
        try {
            return clone.has(ObjectId.fromString(sha));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    @Override
    public void close() {
        packing.close();
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

    /** Messages name the source and the Secret, never a value: credentials are never in a URL. */
    private void fetch(BareClone clone, SourceAuth auth, RefSpec... refs) {
        String usedBy = auth.source() != null ? auth.source()
                : "the Secret configured for it (flotilla.source-secrets.repositories)";
        SecretRef named = auth.secret();
        String sealed = named == null ? sealedAccess.get(clone.remote()) : null;
        GitCredentials.Fetching fetching;
        try {
            fetching = sealed != null
                    ? credentials.accessForCommit(clone.remote(), sealed, "repository " + clone.remote())
                    : credentials.access(clone.remote(), named, usedBy);
        } catch (SourceSecretException | SecretsUnavailableException e) {
            throw new RepositoryUnavailableException("cannot fetch " + clone.remote() + ": " + e.getMessage(), e);
        }
        try (fetching) {
            FetchCommand fetch = clone.fetch(outbound, refs)
                    .setRemoveDeletedRefs(true)
                    .setTimeout(FETCH_TIMEOUT_SECONDS);
            fetching.remote().configure(fetch);
            fetch.call();
            packing.fetched(clone);
        } catch (GitAPIException | RuntimeException e) {
            throw new RepositoryUnavailableException("cannot fetch " + clone.remote()
                    + (auth.source() == null ? "" : " (" + auth.source() + ")") + ": "
                    + GitCredentials.reason(e, fetching.credentials()), e);
        }
    }
}
