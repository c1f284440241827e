package io.flotilla.gitwatcher.preview;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jboss.logging.Logger;

import io.flotilla.events.Envelope;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewRequested;
import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.sync.SourceSync;

/**
 * The branches of one source's repository matching its {@code previewBranches}, previewed at each poll, for Git
 * hosts that send no pull request webhooks: a branch that appears or moves is asked for with its new head, one that
 * is gone has its preview dropped. What was asked is kept in memory: after a restart every matching branch is asked
 * for once more, which renders it again.
 */
public final class BranchPreviews {

    private static final Logger LOG = Logger.getLogger(BranchPreviews.class);

    private final SourceDefinition source;
    private final PreviewTopic topic;
    private final Clock clock;
    /** The head last asked for, by branch. */
    private final Map<String, String> asked = new HashMap<>();

    public BranchPreviews(SourceDefinition source, PreviewTopic topic, Clock clock) {
        this.source = source;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * Fetches the repository's branches and asks for what changed since the last poll.
     *
     * @return the previews asked for or dropped
     * @throws io.flotilla.gitwatcher.mirror.MirrorException when the branches cannot be fetched
     */
    public synchronized List<PreviewRequested> poll(BareMirror mirror, RemoteAccess access) {
        if (source.previewBranches() == null) {
            return List.of();
        }
        String base = source.source().branch();
        Map<String, ObjectId> heads = new HashMap<>(mirror.fetchBranches(access));
        heads.keySet().removeIf(branch -> branch.equals(base) || !source.previewBranches().matches(branch));
        List<PreviewRequested> requests = new ArrayList<>();
        heads.forEach((branch, head) -> {
            if (!head.name().equals(asked.get(branch))) {
                RevCommit commit = mirror.commit(head.name()).orElse(null);
                requests.add(new PreviewRequested(key(branch), head.name(), base,
                        commit == null ? null : commit.getShortMessage(),
                        commit == null ? null : commit.getAuthorIdent().getName(), clock.instant(), false));
            }
        });
        asked.keySet().stream().filter(branch -> !heads.containsKey(branch)).forEach(branch -> requests.add(
                new PreviewRequested(key(branch), asked.get(branch), base, null, null, clock.instant(), true)));
        for (PreviewRequested request : requests) {
            topic.publish(Envelope.first(SourceSync.SERVICE, request));
            if (request.closed()) {
                asked.remove(request.preview().branch());
            } else {
                asked.put(request.preview().branch(), request.sha());
            }
            LOG.infof("%s: %s the preview of branch %s at %s", source.source(),
                    request.closed() ? "dropped" : "asked for", request.preview().branch(), request.sha());
        }
        return requests;
    }

    private PreviewKey key(String branch) {
        return PreviewKey.ofBranch(source.source().repository(), branch);
    }
}
