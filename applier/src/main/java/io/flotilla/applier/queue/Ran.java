package io.flotilla.applier.queue;

/**
 * What one run of a {@link Work} came to: finished (done, or handed on); stopped because its cluster did not
 * answer, to be run again once it answers; stopped by a transient fault of something else (the database), to be
 * run again after a backoff; or abandoned because the applier stops, left unacknowledged for the next instance.
 */
public record Ran(Kind kind, String reason) {

    /** The ways a run ends. */
    public enum Kind {
        FINISHED, UNREACHABLE, RETRY, ABANDONED
    }

    public static final Ran FINISHED = new Ran(Kind.FINISHED, null);

    public static final Ran ABANDONED = new Ran(Kind.ABANDONED, null);

    public static Ran unreachable(String reason) {
        return new Ran(Kind.UNREACHABLE, reason);
    }

    public static Ran retry(String reason) {
        return new Ran(Kind.RETRY, reason);
    }

    public boolean finished() {
        return kind == Kind.FINISHED;
    }

    /** Why the cluster did not answer, or null when it did. */
    public String unreachable() {
        return kind == Kind.UNREACHABLE ? reason : null;
    }
}
