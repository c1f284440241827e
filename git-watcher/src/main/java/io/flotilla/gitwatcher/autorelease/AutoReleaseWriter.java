package io.flotilla.gitwatcher.autorelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.jboss.logging.Logger;

import io.flotilla.events.ImageTagFound.ImageEdit;
import io.flotilla.gitwatcher.mirror.MirrorException;
import io.flotilla.gitwatcher.sync.CommitCauses;
import io.flotilla.gitwatcher.sync.SourceAccess;

/**
 * Writes one batch of edits as one Auto-release commit and pushes it. The commit is built on the branch head the
 * source's mirror holds; a push the remote rejects because someone pushed meanwhile makes it fetch, build the
 * commit again on the new head (where an edit whose value a person changed is skipped, and every other change of
 * theirs is kept, since the edits touch only their scalars) and push again, a bounded number of times. A push
 * refused for permissions is reported and not tried again: retrying cannot help, and a storm of refused pushes
 * helps nobody.
 */
final class AutoReleaseWriter {

    private static final Logger LOG = Logger.getLogger(AutoReleaseWriter.class);
    private static final Pattern PERSON = Pattern.compile("\\s*(.*?)\\s*<([^>]*)>\\s*");

    /** What the batch needs next. */
    enum Written {
        /** Pushed, nothing to change, or refused for good: the edits are finished with. */
        DONE,
        /** The remote could not be reached, or kept moving: the batch is tried again later. */
        TRY_AGAIN
    }

    private final BiFunction<String, String, Optional<SourceAccess>> sources;
    private final Consumer<String> fetchSource;
    private final AutoReleaseStatuses statuses;
    private final CommitCauses causes;
    private final String defaultAuthor;
    private final OpenPgpSigner signer;
    private final int pushAttempts;

    /**
     * @param sources     the watched source to push through, for a repository and branch
     * @param fetchSource asks a source (by name) to fetch now, so that the pushed commit is detected at once
     * @param signer      null for unsigned commits
     */
    AutoReleaseWriter(BiFunction<String, String, Optional<SourceAccess>> sources, Consumer<String> fetchSource,
            AutoReleaseStatuses statuses, CommitCauses causes, String defaultAuthor, OpenPgpSigner signer,
            int pushAttempts) {
        this.sources = sources;
        this.fetchSource = fetchSource;
        this.statuses = statuses;
        this.causes = causes;
        this.defaultAuthor = defaultAuthor;
        this.signer = signer;
        this.pushAttempts = pushAttempts;
    }

    Written write(ReleaseTarget target, List<PendingEdit> pending) {
        Optional<SourceAccess> found = sources.apply(target.repository(), target.branch());
        if (found.isEmpty()) {
            LOG.warnf("Auto-release for %s: no source watches %s; %d edit(s) of %s left undone (add the repository "
                    + "as a source)", target, target.repository(), pending.size(), images(pending));
            return Written.DONE;
        }
        SourceAccess source = found.get();
        Map<ImageEdit, PendingEdit> byEdit = new LinkedHashMap<>();
        pending.forEach(edit -> byEdit.putIfAbsent(edit.edit(), edit));
        List<ImageEdit> edits = new ArrayList<>(byEdit.keySet());
        Repository repository = source.mirror().repository();
        boolean remoteMoved = false;
        for (int attempt = 1; attempt <= pushAttempts; attempt++) {
            ObjectId base;
            try {
                base = base(source, target, remoteMoved);
            } catch (MirrorException e) {
                return failed(source, target, "cannot fetch to write the commit: " + e.getMessage(), false);
            }
            EditedCommit.Result made = EditedCommit.make(repository, base, edits, authorship(byEdit), signer);
            if (made.commit().isEmpty()) {
                finish(source, target, made, base);
                return Written.DONE;
            }
            ObjectId commit = made.commit().get();
            causes.remember(commit.name(), byEdit.values().iterator().next().cause());
            ReleasePush.Result pushed = ReleasePush.push(repository, source.mirror().remote(), source.access(),
                    commit, target.pushTo());
            switch (pushed.outcome()) {
                case PUSHED -> {
                    moveLocalBranch(repository, target.pushTo(), commit);
                    finish(source, target, made, commit);
                    return Written.DONE;
                }
                case REMOTE_MOVED -> {
                    LOG.infof("Auto-release for %s: the remote moved since %s (%s); re-applying the edits on its "
                            + "new head", target, base.abbreviate(10).name(), pushed.detail());
                    remoteMoved = true;
                }
                case REFUSED -> {
                    return failed(source, target, "push refused: " + pushed.detail(), true);
                }
                case UNREACHABLE -> {
                    return failed(source, target, "cannot push: " + pushed.detail(), false);
                }
            }
        }
        return failed(source, target, "the remote moved again at each of " + pushAttempts + " pushes", false);
    }

    /**
     * The commit to build on: the head the mirror holds of the branch pushed to, else of the branch read, fetched
     * when the mirror has neither or the remote said it moved.
     */
    private static ObjectId base(SourceAccess source, ReleaseTarget target, boolean remoteMoved) {
        if (remoteMoved) {
            return source.mirror().fetch(target.pushTo(), source.access());
        }
        return localHead(source.mirror().repository(), target.pushTo())
                .or(() -> localHead(source.mirror().repository(), target.branch()))
                .orElseGet(() -> source.mirror().fetch(target.branch(), source.access()));
    }

    private static Optional<ObjectId> localHead(Repository repository, String branch) {
        try {
            Ref ref = repository.exactRef(Constants.R_HEADS + branch);
            return Optional.ofNullable(ref).map(Ref::getObjectId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mirror's branch follows the push, so that the next batch builds on it rather than meeting a rejection. */
    private static void moveLocalBranch(Repository repository, String branch, ObjectId commit) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(commit);
            update.setForceUpdate(true);
            update.update();
        } catch (IOException e) {
            LOG.debugf("the mirror's %s stays behind the pushed %s until the next fetch: %s", branch, commit.name(),
                    e.getMessage());
        }
    }

    private void finish(SourceAccess source, ReleaseTarget target, EditedCommit.Result made, ObjectId commitOrBase) {
        List<EditOutcome> skipped = made.outcomes().stream()
                .filter(o -> o.result() == EditOutcome.Result.SKIPPED).toList();
        skipped.forEach(o -> LOG.warnf("Auto-release for %s: skipped %s -> '%s': %s", target, o.place(),
                o.edit().value(), o.reason()));
        if (!skipped.isEmpty()) {
            statuses.skipped(source.id(), skipped.size());
        }
        if (made.commit().isEmpty()) {
            LOG.infof("Auto-release for %s: nothing to change at %s", target, commitOrBase.abbreviate(10).name());
            return;
        }
        String message = made.message();
        statuses.pushed(source.id(), commitOrBase.name(), target.pushTo(), message);
        LOG.infof("Auto-release for %s: pushed %s to %s: %s", target, commitOrBase.name(), target.pushTo(),
                message.lines().findFirst().orElse(""));
        if (target.pushTo().equals(target.branch())) {
            fetchSource.accept(source.id());
        }
    }

    /** Said once when it starts or changes: a refusal repeated by every batch must not flood the log. */
    private Written failed(SourceAccess source, ReleaseTarget target, String error, boolean forGood) {
        String previous = statuses.failed(source.id(), error);
        if (!error.equals(previous)) {
            LOG.warnf("Auto-release for %s: %s%s", target, error,
                    forGood ? "; its edits are dropped, nothing is retried" : "; trying again later");
        }
        return forGood ? Written.DONE : Written.TRY_AGAIN;
    }

    private EditedCommit.Authorship authorship(Map<ImageEdit, PendingEdit> byEdit) {
        String author = byEdit.keySet().stream().map(ImageEdit::author).filter(Objects::nonNull).findFirst()
                .orElse(defaultAuthor);
        return new EditedCommit.Authorship() {
            @Override
            public PersonIdent author() {
                Matcher person = PERSON.matcher(author);
                return person.matches() ? new PersonIdent(person.group(1), person.group(2))
                        : new PersonIdent(author.strip(), "");
            }

            @Override
            public String message(List<EditOutcome> changed) {
                return AutoReleaseWriter.message(changed, byEdit);
            }
        };
    }

    private static String message(List<EditOutcome> changed, Map<ImageEdit, PendingEdit> byEdit) {
        List<String> images = changed.stream().map(o -> byEdit.get(o.edit()).image()).distinct().sorted().toList();
        List<String> templates = changed.stream().map(o -> o.edit().messageTemplate()).distinct().toList();
        if (templates.size() == 1 && templates.get(0) != null) {
            List<String> files = changed.stream().map(o -> o.edit().file()).distinct().sorted().toList();
            Optional<String> rendered = CommitMessage.fromTemplate(templates.get(0), images, files);
            if (rendered.isPresent()) {
                return rendered.get();
            }
            LOG.warnf("the messageTemplate of %s uses more than {{range .Updated.Images}} / {{range .Updated.Files}} "
                    + "with {{.}}; the commit gets the default message", changed.get(0).edit().release());
        }
        return CommitMessage.flux(images);
    }

    private static List<String> images(List<PendingEdit> pending) {
        return pending.stream().map(PendingEdit::image).distinct().sorted().toList();
    }
}
