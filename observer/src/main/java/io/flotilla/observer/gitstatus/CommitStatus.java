package io.flotilla.observer.gitstatus;

/**
 * What a Git host is told of one commit on one cluster.
 *
 * @param context     the status's name, one per cluster
 * @param description for people, one line
 * @param targetUrl   the dashboard's journey page of the commit
 */
public record CommitStatus(String sha, String cluster, String context, StatusState state, String description,
        String targetUrl) {

    /** The description cut to {@code length} characters, for hosts that allow no more. */
    String description(int length) {
        return description.length() <= length ? description : description.substring(0, length - 3) + "...";
    }
}
