package io.flotilla.applier.queue;

/**
 * What one run of a {@link Work} came to: finished (done, or handed on), or stopped because its cluster did
 * not answer, with the reason, to be run again once the cluster answers.
 */
public record Ran(String unreachable) {

    public static final Ran FINISHED = new Ran(null);

    public static Ran unreachable(String reason) {
        return new Ran(reason);
    }

    public boolean finished() {
        return unreachable == null;
    }
}
