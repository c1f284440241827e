package io.flotilla.renderer.targeting;

/**
 * One wave of a rollout: the clusters {@code clusters} matches, optionally taken in batches.
 *
 * @param batch how many of the wave's clusters go at once; null for all of them
 */
public record Wave(String name, ClusterSelector clusters, WaveBatch batch) {
}
