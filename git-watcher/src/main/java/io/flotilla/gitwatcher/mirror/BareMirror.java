package io.flotilla.gitwatcher.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

import io.flotilla.git.BareClone;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.RemoteAccess;
import io.flotilla.git.secret.SecretsUnavailableException;
import io.flotilla.git.secret.SourceSecretException;

/**
 * The git-watcher's bare clone of one remote repository: a branch or the tags fetched with the source's
 * credentials (a refusal said as such: HTTP 401, an SSH host key known_hosts does not list), and packed beside the
 * fetches. Each fetch brings only what is new, and the trees it holds are
 * enough to compute changed paths: no working tree is ever checked out.
 */
public final class BareMirror implements AutoCloseable {

    /** Where the branches previewed without a pull request are fetched to, apart from the watched ones. */
    public static final String BRANCHES = "refs/previews/heads/";

    /** Seconds a network read or write may stall before the fetch fails and waits for the next poll. */
    private static final int FETCH_TIMEOUT_SECONDS = 60;

    private final BareClone clone;
    private final OutboundPolicy outbound;
    /** Set once its source is no longer watched: a late fetch must not bring the folder back. */
    private volatile boolean deleted;
    /** Held while packing, and by deletion: packing and fetching go on side by side. */
    private final Object packing = new Object();

    private BareMirror(BareClone clone, OutboundPolicy outbound) {
        this.clone = clone;
        this.outbound = outbound;
    }

    /** Opens the mirror of {@code remote} under {@code workDir}, creating an empty one the first time. */
    public static BareMirror open(String remote, Path workDir) {
        return open(remote, workDir, OutboundPolicy.anywhere());
    }

    /**
     * {@link #open(String, Path)} for a remote a user named: its fetches over HTTP connect through {@code outbound}'s
     * gate, so that the policy the remote was checked against when added holds at each connection.
     */
    public static BareMirror open(String remote, Path workDir, OutboundPolicy outbound) {
        BareClone clone;
        try {
            clone = BareClone.open(remote, workDir);
        } catch (UncheckedIOException e) {
            throw new MirrorException(e.getMessage(), e);
        }
        return new BareMirror(clone, outbound);
    }

    /**
     * Brings {@code branch} up to date with the remote, including a history rewritten by a force-push, proving who
     * it is as {@code access} says, and returns its head.
     */
    public synchronized ObjectId fetch(String branch, RemoteAccess access) {
        refuseIfDeleted();
        String ref = Constants.R_HEADS + branch;
        try {
            FetchCommand fetch = clone.fetch(outbound, new RefSpec("+" + ref + ":" + ref))
                    .setTimeout(FETCH_TIMEOUT_SECONDS);
            access.configure(fetch);
            fetch.call();
            Ref head = clone.repository().exactRef(ref);
            if (head == null || head.getObjectId() == null) {
                throw new MirrorException("branch '" + branch + "' does not exist in " + remote());
            }
            return head.getObjectId();
        } catch (GitAPIException | IOException | SourceSecretException | SecretsUnavailableException e) {
            throw new MirrorException("cannot fetch branch '" + branch + "' of " + remote() + ": "
                    + GitCredentials.reason(e, access.credentials()), e);
        }
    }

    /**
     * Fetches the remote's {@code remoteRef} (a pull request's {@code refs/pull/7/head}, a branch) into
     * {@code localRef} of the mirror, outside {@code refs/heads/}, and returns its head: a pull request's commits,
     * which no watched branch holds yet.
     */
    public synchronized ObjectId fetchRef(String remoteRef, String localRef, RemoteAccess access) {
        refuseIfDeleted();
        try {
            FetchCommand fetch = clone.fetch(outbound, new RefSpec("+" + remoteRef + ":" + localRef))
                    .setTimeout(FETCH_TIMEOUT_SECONDS);
            access.configure(fetch);
            fetch.call();
            Ref head = clone.repository().exactRef(localRef);
            if (head == null || head.getObjectId() == null) {
                throw new MirrorException(remoteRef + " does not exist in " + remote());
            }
            return head.getObjectId();
        } catch (GitAPIException | IOException | SourceSecretException | SecretsUnavailableException e) {
            throw new MirrorException("cannot fetch " + remoteRef + " of " + remote() + ": "
                    + GitCredentials.reason(e, access.credentials()), e);
        }
    }

    /**
     * Fetches every branch of the remote under {@value #BRANCHES}, the deleted ones removed, and returns each
     * branch's head by name: the branches previewed without a pull request.
     */
    public synchronized Map<String, ObjectId> fetchBranches(RemoteAccess access) {
        refuseIfDeleted();
        try {
            FetchCommand fetch = clone.fetch(outbound, new RefSpec("+" + Constants.R_HEADS + "*:" + BRANCHES + "*"))
                    .setRemoveDeletedRefs(true)
                    .setTimeout(FETCH_TIMEOUT_SECONDS);
            access.configure(fetch);
            fetch.call();
            Map<String, ObjectId> heads = new TreeMap<>();
            for (Ref ref : clone.repository().getRefDatabase().getRefsByPrefix(BRANCHES)) {
                heads.put(ref.getName().substring(BRANCHES.length()), ref.getObjectId());
            }
            return heads;
        } catch (GitAPIException | IOException | SourceSecretException | SecretsUnavailableException e) {
            throw new MirrorException("cannot fetch the branches of " + remote() + ": "
                    + GitCredentials.reason(e, access.credentials()), e);
        }
    }

    /** The commit {@code sha} names (in full, or its first characters), if the mirror has it. */
    public Optional<RevCommit> commit(String sha) {
        try (RevWalk walk = new RevWalk(clone.repository())) {
            ObjectId id = clone.repository().resolve(sha + "^{commit}");
            return id == null ? Optional.empty() : Optional.of(walk.parseCommit(id));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Brings every tag up to date with the remote (a moved tag follows, a deleted one goes) and returns them
     * all, each with the commit it points to.
     */
    public synchronized List<Tag> fetchTags(RemoteAccess access) {
        refuseIfDeleted();
        try {
            FetchCommand fetch = clone.fetch(outbound,
                    new RefSpec("+" + Constants.R_TAGS + "*:" + Constants.R_TAGS + "*"))
                    .setRemoveDeletedRefs(true)
                    .setTimeout(FETCH_TIMEOUT_SECONDS);
            access.configure(fetch);
            fetch.call();
            List<Tag> tags = new ArrayList<>();
            try (RevWalk walk = new RevWalk(clone.repository())) {
                for (Ref ref : clone.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                    tag(walk, ref).ifPresent(tags::add);
                }
            }
            return tags;
        } catch (GitAPIException | IOException | SourceSecretException | SecretsUnavailableException e) {
            throw new MirrorException("cannot fetch the tags of " + remote() + ": "
                    + GitCredentials.reason(e, access.credentials()), e);
        }
    }

    /** A tag of something other than a commit (a tree, a blob) names no state of the repository: none. */
    private static Optional<Tag> tag(RevWalk walk, Ref ref) throws IOException {
        String name = ref.getName().substring(Constants.R_TAGS.length());
        RevObject target = walk.parseAny(ref.getObjectId());
        Instant time = null;
        if (target instanceof RevTag annotated) {
            PersonIdent tagger = annotated.getTaggerIdent();
            time = tagger == null ? null : tagger.getWhenAsInstant();
            target = walk.peel(annotated);
        }
        if (!(target instanceof RevCommit commit)) {
            return Optional.empty();
        }
        walk.parseHeaders(commit);
        return Optional.of(new Tag(name, commit.copy(), time != null ? time : commit.getCommitterIdent().getWhenAsInstant()));
    }

    /**
     * Packs the mirror as {@link BareClone#tidy()} does, beside the fetches; a mirror deleted meanwhile is left alone.
     *
     * @return whether it packed
     */
    public boolean tidy() {
        synchronized (packing) {
            if (deleted) {
                return false;
            }
            try {
                return clone.tidy();
            } catch (RuntimeException e) {
                throw new MirrorException(e.getMessage(), e);
            }
        }
    }

    private void refuseIfDeleted() {
        if (deleted) {
            throw new MirrorException("the local mirror of " + remote() + " was deleted: no source watches it any more");
        }
    }

    /** The remote as configured: a local path or a URL. */
    public String remote() {
        return clone.remote();
    }

    public Repository repository() {
        return clone.repository();
    }

    @Override
    public void close() {
        clone.close();
    }

    /** Closes the mirror and deletes its folder, once no fetch or packing holds it. */
    public synchronized void delete() {
        synchronized (packing) {
            deleted = true;
            try {
                clone.delete();
            } catch (IOException e) {
                throw new MirrorException("cannot delete the local mirror of " + remote() + " in "
                        + clone.repository().getDirectory() + ": " + e.getMessage(), e);
            }
        }
    }
}
