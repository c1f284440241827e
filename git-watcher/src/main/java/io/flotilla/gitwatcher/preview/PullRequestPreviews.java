package io.flotilla.gitwatcher.preview;

import java.time.Clock;

import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

import io.flotilla.events.Envelope;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewRequested;
import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.sync.SourceAccess;
import io.flotilla.gitwatcher.sync.SourceSync;
import io.flotilla.gitwatcher.webhook.PullRequest;

/**
 * Asks for the preview of a pull request a webhook announced: its head is fetched into the mirror of the source
 * whose branch it merges into (the host's ref of the pull request's head), and only a head the repository really has
 * is asked for. A closed pull request drops its preview without a fetch.
 */
public final class PullRequestPreviews {

    private static final Logger LOG = Logger.getLogger(PullRequestPreviews.class);

    /** Under which ref of the mirror a pull request's head is kept. */
    static final String REFS = "refs/previews/pull/";

    private final PreviewTopic topic;
    private final Clock clock;

    public PullRequestPreviews(PreviewTopic topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Publishes the preview's request for the pull request's head as the host's ref holds it now, once the commit
     * the delivery names is there too: deliveries of quick pushes, handled one at a time, never ask for an older head
     * after a newer one.
     *
     * @return the sha asked for
     * @throws PreviewRefusedException when the head cannot be fetched or is not the commit the host named: nothing
     *                                 is published
     */
    public synchronized String request(SourceDefinition source, SourceAccess access, PullRequest pull) {
        PreviewKey key = PreviewKey.ofPullRequest(source.source().repository(), pull.headBranch(), pull.number());
        String sha = pull.headSha();
        if (pull.state() != PullRequest.State.CLOSED) {
            sha = fetchedHead(access, pull);
        }
        topic.publish(Envelope.first(SourceSync.SERVICE, new PreviewRequested(key, sha, pull.baseBranch(),
                pull.title(), pull.author(), clock.instant(), pull.state() == PullRequest.State.CLOSED)));
        LOG.infof("%s: %s of pull request #%d at %s", source.source(),
                pull.state() == PullRequest.State.CLOSED ? "dropped the preview" : "asked for the preview", pull.number(),
                sha);
        return sha;
    }

    /**
     * The head of the host's ref of the pull request, once fetched, provided the commit the delivery names is in it
     * (the head itself, or an older one when the branch moved on since).
     */
    private static String fetchedHead(SourceAccess access, PullRequest pull) {
        ObjectId fetched;
        try {
            fetched = access.mirror().fetchRef(pull.headRef(), REFS + pull.number(), access.access());
        } catch (MirrorException e) {
            throw new PreviewRefusedException("pull request #" + pull.number() + ": " + e.getMessage()
                    + "; nothing is previewed", e);
        }
        if (!fetched.name().startsWith(pull.headSha()) && access.mirror().commit(pull.headSha()).isEmpty()) {
            throw new PreviewRefusedException("pull request #" + pull.number() + ": commit " + pull.headSha()
                    + " is not in " + pull.headRef() + " of " + access.mirror().remote() + " (its head is "
                    + fetched.name() + "); nothing is previewed");
        }
        return fetched.name();
    }
}
