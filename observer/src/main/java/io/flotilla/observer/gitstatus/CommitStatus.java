package io.flotilla.observer.gitstatus;

/**
 * What a Git host is told of one commit on one cluster, or on one wave of a rollout.
 *
 * @param scope       the cluster, or {@code <rollout>/<wave>} ({@link StatusScope})
 * @param context     the status's name, one per scope
 * @param description for people, one line
 * @param targetUrl   the dashboard's journey page of the commit
 */
public record CommitStatus(String sha, String scope, String context, StatusState state, String description,
        String targetUrl) {

    /** The description cut to {@code length} characters, for hosts that allow no more. */
    String description(int length) {
        return description.length() <= length ? description : description.substring(0, length - 3) + "...";
    }
}
