package io.flotilla.observer.previewreport;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.flotilla.events.PreviewKey;
import io.flotilla.observer.delivery.DashboardLinks;
import io.flotilla.observer.delivery.Deliveries;
import io.flotilla.observer.gitstatus.CommitStatus;
import io.flotilla.observer.gitstatus.CommitStatusReporter;
import io.flotilla.observer.gitstatus.GitStatusSettings;
import io.flotilla.observer.gitstatus.StatusState;
import io.flotilla.observer.preview.Preview;
import io.flotilla.observer.preview.PreviewState;

/**
 * Tells the Git host of a preview's repository how the preview stands, each time it changes: the commit status
 * {@code <prefix>/preview} of its commit (pending when asked for, success when complete with nothing refused, breaking
 * rules or failing to render, failure otherwise, as soon as a render error is known), and for a pull request its one
 * comment, created at the first render error or completion and edited in place afterwards. A closed preview gets
 * nothing more. Requests leave through {@link Deliveries}, on the lane of each source, so a host that is down holds
 * up nothing; a comment still being created is edited once the host gave its id, never created twice.
 */
@ApplicationScoped
public class PreviewReporter {

    private static final Logger LOG = Logger.getLogger(PreviewReporter.class);

    private final GitStatusSettings settings;
    private final CommitStatusReporter statuses;
    private final Deliveries deliveries;
    private final DashboardLinks links;
    private final PostedComments comments;

    public PreviewReporter(GitStatusSettings settings, CommitStatusReporter statuses, Deliveries deliveries,
            DashboardLinks links, PostedComments comments) {
        this.settings = settings;
        this.statuses = statuses;
        this.deliveries = deliveries;
        this.links = links;
        this.comments = comments;
    }

    /** The preview as it stands after an event about its newest commit. */
    public void changed(Preview preview) {
        if (preview.state() == PreviewState.CLOSED || preview.sha().isEmpty() || settings.sources().values().stream()
                .noneMatch(source -> source.repository().equals(preview.key().repository()))) {
            return;
        }
        try {
            report(preview);
        } catch (RuntimeException e) {
            LOG.warnf("preview %s at %s: not posted: %s", preview.key(), preview.sha(), e.getMessage());
        }
    }

    private void report(Preview preview) {
        boolean complete = preview.state() == PreviewState.COMPLETE;
        boolean failing = preview.renderErrors() > 0;
        StatusState state = complete ? (preview.passes() ? StatusState.SUCCESS : StatusState.FAILURE)
                : failing ? StatusState.FAILURE : StatusState.PENDING;
        String link = links.preview(preview.id());
        statuses.post(preview.key().repository(), new CommitStatus(preview.sha(), "preview",
                settings.contextPrefix() + "/preview", state, "Preview: " + preview.summary(), link));
        if (!preview.key().isPullRequest() || !complete && !failing) {
            return;
        }
        String text = PreviewComment.of(preview, link);
        settings.sources().forEach((name, source) -> {
            if (source.repository().equals(preview.key().repository())) {
                comment(name, source, preview, text);
            }
        });
    }

    private void comment(String name, GitStatusSettings.Source source, Preview preview, String text) {
        if (comments.claim(preview.id(), name, text)) {
            send(name, source, preview.key(), preview.id(), text);
        }
    }

    /** Creates the comment, edits it, or leaves the text to the creation under way, as {@link PostedComments} says. */
    private void send(String name, GitStatusSettings.Source source, PreviewKey key, String previewId, String text) {
        PostedComments.Step step = comments.next(previewId, name, text);
        CommentApi api = CommentApi.of(source.kind());
        switch (step.kind()) {
            case CREATE -> deliveries.send(api.create("git-status/" + name, source, key, text), settings.retry(),
                    answer -> created(name, source, key, previewId, text, CommentApi.idIn(answer)));
            case EDIT -> edit(name, source, key, previewId, step.commentId(), text);
            case WAIT -> LOG.debugf("preview %s: its comment on %s is being created; edited once it is", key, name);
        }
    }

    /** Runs on the source's delivery lane once the host answered the creation, or it was given up. */
    private void created(String name, GitStatusSettings.Source source, PreviewKey key, String previewId, String text,
            String id) {
        if (id == null) {
            LOG.warnf("preview %s: the comment was not created on %s", key, name);
        }
        String waiting = comments.created(previewId, name, text, id);
        if (waiting != null) {
            send(name, source, key, previewId, waiting);
        }
    }

    private void edit(String name, GitStatusSettings.Source source, PreviewKey key, String previewId, String commentId,
            String text) {
        deliveries.send(CommentApi.of(source.kind()).edit("git-status/" + name, source, key, commentId, text),
                settings.retry(), answer -> {
                    if (answer == null) {
                        comments.failed(previewId, name, text);
                    }
                });
    }
}
