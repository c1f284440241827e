package io.flotilla.renderer.targeting;

/**
 * The size of a wave's batches: a number of clusters, or a percentage of the wave's clusters (rounded up, at
 * least one).
 */
public record WaveBatch(int size, boolean percent) {

    /** How many clusters each batch of a wave of {@code clusters} clusters takes. */
    public int of(int clusters) {
        if (!percent) {
            return size;
        }
        return Math.max(1, (int) Math.ceil(clusters * size / 100.0));
    }

    @Override
    public String toString() {
        return percent ? size + "%" : String.valueOf(size);
    }
}
