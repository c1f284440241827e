package io.flotilla.gitwatcher.sync;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.Envelope;
import io.flotilla.git.RemoteAccess;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.gitwatcher.commit.CommitDetector;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;
import io.flotilla.gitwatcher.position.SourceFetch;
import io.flotilla.gitwatcher.position.SourcePositions;
import io.flotilla.gitwatcher.signature.CommitSignatures;
import io.flotilla.gitwatcher.signature.UnverifiedCommitException;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.source.SourceDefinition;

/**
 * One round for one source: fetch, compare the head with the last emitted commit, emit, remember.
 * Blocking (Git, Kafka acknowledgement, database), so it runs on a fetch thread, one round at a time.
 */
public final class SourceSync {

    public static final String SERVICE = "git-watcher";

    private static final Logger LOG = Logger.getLogger(SourceSync.class);

    private final SourceDefinition definition;
    private final GitSource source;
    private final BareMirror mirror;
    private final RemoteAccess access;
    private final SourcePositions positions;
    private final CommitTopic commits;
    private final CommitCauses causes;
    private final BooleanSupplier held;
    private final String instance;
    /** The source's credentials sealed for the renderer and the image-updater; null when they fetch it without. */
    private final String sealedAccess;

    /**
     * Read from the database in the first round, so a restarted watcher resumes where it stopped, and again in the
     * first round after this instance takes the source's lease: another instance may have emitted meanwhile.
     */
    private volatile boolean positionRead;
    private volatile String lastEmitted;
    private volatile String lastSeen;
    private volatile String lastRef;
    private String lastStored;
    private boolean closed;

    public SourceSync(SourceDefinition definition, BareMirror mirror, SourcePositions positions,
            CommitTopic commits) {
        this(definition, mirror, positions, commits, new CommitCauses(), SourceSecrets.none(), () -> true, "local");
    }

    /**
     * @param causes  what caused the commits git-watcher pushed itself, whose events carry the cause's correlation
     * @param secrets where the Secret a source's credentials name is read
     * @param held     whether this instance still holds the source's lease, asked right before a commit is published
     * @param instance this instance, recorded with each fetch it makes
     */
    public SourceSync(SourceDefinition definition, BareMirror mirror, SourcePositions positions,
            CommitTopic commits, CommitCauses causes, SourceSecrets secrets, BooleanSupplier held, String instance) {
        this(definition, mirror, positions, commits, causes, secrets, held, instance, null);
    }

    /**
     * @param sealedAccess the source's credentials sealed for the services that fetch its commits
     *                     ({@code git.SealedSourceAccess}), carried by every commit emitted; null for a source they
     *                     fetch with their own configuration
     */
    public SourceSync(SourceDefinition definition, BareMirror mirror, SourcePositions positions,
            CommitTopic commits, CommitCauses causes, SourceSecrets secrets, BooleanSupplier held, String instance,
            String sealedAccess) {
        this.sealedAccess = sealedAccess;
        this.instance = instance;
        this.causes = causes;
        this.held = held;
        this.definition = definition;
        this.source = definition.source();
        this.access = definition.credentials() == null ? RemoteAccess.NONE
                : definition.credentials().access(secrets, "source " + definition.id());
        this.mirror = mirror;
        this.positions = positions;
        this.commits = commits;
    }

    /**
     * Emits the source's head (its branch's, or the tag it follows) if it is new. The event goes out before
     * the position is stored: a crash in between emits the commit again (consumers are idempotent) and never
     * skips it.
     *
     * A head whose changes since the last emitted commit touch none of the source's paths is not
     * emitted; its changes are carried by the next commit that matters. A source with signing keys emits
     * only a head signed by one of them; an unsigned or wrongly signed one is refused, and the last emitted
     * commit stays the source's position.
     *
     * @return the commit emitted, or empty when the head was already emitted or does not matter, or the source
     *         is no longer watched
     * @throws io.flotilla.gitwatcher.mirror.MirrorException when the remote cannot be fetched
     * @throws UnverifiedCommitException when the new head is not signed by one of the source's keys
     */
    public synchronized Optional<CommitDetected> sync() {
        if (closed || !held.getAsBoolean()) {
            // The lease went before this round began (given back while it waited): its new holder fetches.
            return Optional.empty();
        }
        if (!positionRead) {
            lastEmitted = positions.lastEmitted(source).orElse(null);
            lastStored = lastEmitted;
            positionRead = true;
        }
        Instant fetchStarted = Instant.now();
        Head head = source.ref().resolve(mirror, access);
        lastRef = head.ref();
        lastSeen = head.commit().name();
        if (definition.signingKeys() != null && !head.commit().name().equals(lastEmitted)) {
            String signer = CommitSignatures.verify(mirror.repository(), head.commit(), definition.signingKeys());
            LOG.debugf("%s: commit %s is signed by key %s", source, head.commit().name(), signer);
        }
        if (!held.getAsBoolean()) {
            // The lease went while fetching: the commit is the new holder's to publish, from the stored position.
            return Optional.empty();
        }
        positions.fetched(source, fetchStarted, instance);
        Optional<CommitDetected> commit = CommitDetector.detect(mirror.repository(), source, head, lastEmitted)
                .filter(detected -> definition.concerns(detected.changedPaths()))
                .map(detected -> sealedAccess == null ? detected : detected.withAccess(sealedAccess));
        commit.ifPresent(detected -> {
            commits.publish(causes.take(detected.sha())
                    .<Envelope<CommitDetected>>map(cause -> Envelope.causedBy(cause, SERVICE, detected))
                    .orElseGet(() -> Envelope.first(SERVICE, detected)));
            lastEmitted = detected.sha();
            LOG.infof("%s: emitted commit %s with %d changed paths%s", source, detected.sha(),
                    detected.changedPaths().size(), detected.forced() ? " (history rewritten)" : "");
        });
        // A position that could not be stored is stored by a later round; it is not emitted again meanwhile.
        if (lastEmitted != null && !lastEmitted.equals(lastStored)) {
            if (positions.store(source, lastStored, lastEmitted)) {
                lastStored = lastEmitted;
            } else {
                LOG.warnf("%s: another instance stored a position since this one read it; it holds the source now",
                        source);
                positionRead = false;
            }
        }
        return commit;
    }

    /** When and by which instance the source was last fetched; empty when it never was. */
    public Optional<SourceFetch> lastFetched() {
        return positions.lastFetched(source);
    }

    /** The next round starts from the position stored in the database, not from the one this instance remembers. */
    public void resumeFromStoredPosition() {
        positionRead = false;
    }

    /** Returns once a round under way, if any, has ended, its position stored. */
    public synchronized void awaitRound() {
        // Holding the round's monitor is the wait.
    }

    /** The last commit emitted for the source, once the first round has read it. */
    public Optional<String> lastEmitted() {
        return Optional.ofNullable(lastEmitted);
    }

    /** The commit the last fetch found the source's head at, emitted or not, once one has. */
    public Optional<String> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    /** The ref the last fetch found the source at, once one has. */
    public Optional<String> lastRef() {
        return Optional.ofNullable(lastRef);
    }

    /**
     * Ends the source's rounds: waits for one under way, so that what it emitted has its position stored, then
     * lets go of the remote access (an SSH client keeps threads until closed).
     */
    public synchronized void close() {
        closed = true;
        access.close();
    }

    /** The mirror the source is fetched into, shared by the sources of one repository. */
    public BareMirror mirror() {
        return mirror;
    }

    /** How the source proves who it is to its remote, for fetches and Auto-release pushes alike. */
    public RemoteAccess access() {
        return access;
    }

    public GitSource source() {
        return source;
    }

    public SourceDefinition definition() {
        return definition;
    }
}
