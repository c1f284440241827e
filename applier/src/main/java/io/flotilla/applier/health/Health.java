package io.flotilla.applier.health;

/**
 * How one object stands after it was applied, in Argo CD's words, with the condition that says why. A rule answers
 * {@link #HEALTHY} without a condition; every other state names one.
 */
public record Health(State state, String condition) {

    public enum State {
        /** Running as its controller was asked to. */
        HEALTHY,
        /** On its way: it may become healthy by waiting. */
        PROGRESSING,
        /** Failed in a way waiting does not mend. */
        DEGRADED,
        /** Paused on purpose, such as a CronJob that schedules nothing. */
        SUSPENDED,
        /** Not on the cluster. */
        MISSING,
        /** Of a kind no rule knows. */
        UNKNOWN
    }

    public static final Health HEALTHY = new Health(State.HEALTHY, null);

    public static final Health UNKNOWN = new Health(State.UNKNOWN, "no health rule for its kind");

    public static Health progressing(String condition) {
        return new Health(State.PROGRESSING, condition);
    }

    public static Health degraded(String condition) {
        return new Health(State.DEGRADED, condition);
    }

    public static Health suspended(String condition) {
        return new Health(State.SUSPENDED, condition);
    }

    public static Health missing(String condition) {
        return new Health(State.MISSING, condition);
    }
}
