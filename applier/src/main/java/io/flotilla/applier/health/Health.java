package io.flotilla.applier.health;

/**
 * How one object stands after it was applied: healthy, still on its way, or failed for good, with the
 * condition that says so.
 */
public record Health(State state, String condition) {

    public enum State { HEALTHY, PROGRESSING, FAILED }

    public static final Health HEALTHY = new Health(State.HEALTHY, null);

    public static Health progressing(String condition) {
        return new Health(State.PROGRESSING, condition);
    }

    public static Health failed(String condition) {
        return new Health(State.FAILED, condition);
    }
}
