package io.flotilla.renderer.preview;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jgit.lib.Constants;
import org.jboss.logging.Logger;

import io.flotilla.events.CommitDetected;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewPlanned.Change;
import io.flotilla.events.PreviewPlanned.PlannedRelease;
import io.flotilla.events.PreviewRendered;
import io.flotilla.events.PreviewRequested;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.render.CommitRenderer;

/**
 * Renders a preview's commit and says what it changes: one {@link PreviewRendered} for each release added, changed
 * or removed that rendered, and a {@link PreviewPlanned} listing every one of them (those failing to render with the
 * file, object and reason) and how many stay as they are. Its {@link CommitRenderer} is its own: its render cache and
 * what it counts as published are replaced at every preview by what the watched branch's renderer published, so
 * nothing of the watched branch's rendering is touched.
 */
public final class PreviewRenderer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PreviewRenderer.class);

    private final CommitRenderer renderer;

    public PreviewRenderer(CommitRenderer renderer) {
        this.renderer = renderer;
    }

    /** What {@code request} changes, compared with {@code published}, what runs from its repository now. */
    public Preview preview(PreviewRequested request, List<ReleaseRendered> published) {
        CommitDetected commit = new CommitDetected(request.preview().repository(), request.baseBranch(),
                request.sha(), null, List.of(), request.author(), request.title(), request.requestedAt());
        CommitRenderer.Previewed previewed;
        try {
            previewed = renderer.preview(commit, published, refsOf(request));
        } catch (RuntimeException e) {
            LOG.warnf("preview %s at %s cannot be rendered: %s", request.preview(), request.sha(), e.getMessage());
            return new Preview(List.of(), new PreviewPlanned(request.preview(), request.sha(), List.of(), 0,
                    request.preview() + " at " + request.sha() + " cannot be rendered: " + e.getMessage()));
        }
        Set<ReleaseKey> running = published.stream().map(ReleaseRendered::release).collect(Collectors.toSet());
        List<PreviewRendered> renders = new ArrayList<>();
        List<PlannedRelease> planned = new ArrayList<>();
        for (ReleaseRendered rendering : previewed.releases()) {
            Change change = rendering.removed() ? Change.REMOVED
                    : running.contains(rendering.release()) ? Change.CHANGED : Change.ADDED;
            planned.add(new PlannedRelease(rendering.release(), change, rendering.sourceFile(), rendering.error()));
            if (!rendering.failed()) {
                renders.add(new PreviewRendered(request.preview(), request.sha(), rendering));
            }
        }
        LOG.infof("preview %s at %s: %d releases change, %d fail to render, %d stay as they are", request.preview(),
                request.sha(), renders.size(), planned.size() - renders.size(), previewed.unchanged());
        return new Preview(renders, new PreviewPlanned(request.preview(), request.sha(), planned,
                previewed.unchanged(), null));
    }

    /**
     * Where a host keeps the preview's commit when no branch holds it: a pull request's head ref on GitHub and Gitea,
     * on GitLab, then its branch (Bitbucket, and a branch previewed without a pull request).
     */
    static List<String> refsOf(PreviewRequested request) {
        List<String> refs = new ArrayList<>();
        if (request.preview().isPullRequest()) {
            int number = request.preview().pullRequest();
            refs.add("refs/pull/" + number + "/head");
            refs.add("refs/merge-requests/" + number + "/head");
        }
        refs.add(Constants.R_HEADS + request.preview().branch());
        return refs;
    }

    @Override
    public void close() {
        renderer.close();
    }

    /** The renderings to send the applier, in order, then the plan. */
    public record Preview(List<PreviewRendered> renders, PreviewPlanned plan) {
    }
}
