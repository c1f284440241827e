package io.flotilla.gitwatcher.autorelease;

import java.util.Locale;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import io.flotilla.git.RemoteAccess;

/**
 * Pushes a commit to a branch of the remote, never forced, and says how it went in the terms the writer acts on:
 * pushed; the remote moved (someone pushed meanwhile: fetch and re-apply); refused (the credentials may not push
 * there, or a protected branch or hook declined: retrying cannot help); or the remote could not be reached (try
 * again later).
 */
final class ReleasePush {

    /** Seconds a network read or write may stall before the push is given up as unreachable. */
    private static final int TIMEOUT_SECONDS = 60;

    enum Outcome {
        PUSHED, REMOTE_MOVED, REFUSED, UNREACHABLE
    }

    record Result(Outcome outcome, String detail) {
    }

    private ReleasePush() {
    }

    static Result push(Repository repository, String remote, RemoteAccess access, ObjectId commit, String branch) {
        String ref = Constants.R_HEADS + branch;
        try {
            var push = Git.wrap(repository).push().setRemote(remote).setTimeout(TIMEOUT_SECONDS)
                    .setRefSpecs(new RefSpec(commit.name() + ":" + ref)).setForce(false);
            access.configure(push);
            for (PushResult result : push.call()) {
                RemoteRefUpdate update = result.getRemoteUpdate(ref);
                if (update != null) {
                    return outcome(update, result.getMessages());
                }
            }
            return new Result(Outcome.UNREACHABLE, "the remote did not answer for " + ref);
        } catch (GitAPIException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(refusal(message) ? Outcome.REFUSED : Outcome.UNREACHABLE, message);
        }
    }

    private static Result outcome(RemoteRefUpdate update, String remoteMessages) {
        String said = update.getMessage() == null ? "" : update.getMessage();
        String detail = (said + " " + (remoteMessages == null ? "" : remoteMessages.strip())).strip();
        return switch (update.getStatus()) {
            case OK, UP_TO_DATE -> new Result(Outcome.PUSHED, detail);
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> new Result(Outcome.REMOTE_MOVED,
                    detail.isEmpty() ? "non-fast-forward" : detail);
            // A receive-pack that lost the race for the ref's lock says so; anything else a hook or the host declined.
            case REJECTED_OTHER_REASON -> new Result(said.toLowerCase(Locale.ROOT).contains("lock")
                    ? Outcome.REMOTE_MOVED : Outcome.REFUSED, detail);
            case REJECTED_NODELETE, NON_EXISTING -> new Result(Outcome.REFUSED, update.getStatus() + " " + detail);
            case NOT_ATTEMPTED, AWAITING_REPORT -> new Result(Outcome.UNREACHABLE,
                    "the remote gave no answer for " + update.getRemoteName());
        };
    }

    /** What hosts answer when the credentials may read but not write, or are not accepted at all. */
    private static boolean refusal(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        return text.contains("not authorized") || text.contains("not permitted") || text.contains("permission")
                || text.contains("denied") || text.contains("forbidden") || text.contains("403")
                || text.contains("authentication") || text.contains("auth fail");
    }
}
