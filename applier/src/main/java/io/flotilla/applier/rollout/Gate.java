package io.flotilla.applier.rollout;

/**
 * What a wave gate says of a rendering: open, or closed because the wave before is not Ready there yet (or not for
 * the soak time), or halted because it failed there.
 *
 * @param blockingCluster the cluster of the wave before the rendering waits for; null when open
 * @param reason          what it waits for, for people; null when open
 */
public record Gate(State state, String blockingCluster, String reason) {

    /** The three answers a gate gives. */
    public enum State {
        OPEN, WAITING, HALTED
    }

    public static final Gate OPEN = new Gate(State.OPEN, null, null);

    public boolean open() {
        return state == State.OPEN;
    }

    public boolean halted() {
        return state == State.HALTED;
    }
}
