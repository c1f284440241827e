package io.flotilla.applier.rollout;

import io.flotilla.applier.history.HeldRelease;

/**
 * Which held renderings a resume forces through their wave gate: those of one release ({@code namespace/name}, on
 * every cluster), of one cluster, or both; with neither, every halted one (a rollout only waiting for its soak
 * time, or for the wave before to get there, is left to go on by itself).
 */
public record ResumeSelection(String namespace, String name, String cluster) {

    /**
     * @param release {@code namespace/name}, or null for every release
     * @param cluster a cluster's name, or null for every cluster
     * @throws IllegalArgumentException when the release is not {@code namespace/name}
     */
    public static ResumeSelection of(String release, String cluster) {
        if (release == null) {
            return new ResumeSelection(null, null, cluster);
        }
        String[] parts = release.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("release must be namespace/name, not '" + release + "'");
        }
        return new ResumeSelection(parts[0], parts[1], cluster);
    }

    public boolean selects(HeldRelease held) {
        if (namespace == null && cluster == null) {
            return held.hold().halted();
        }
        return (namespace == null || namespace.equals(held.release().namespace())
                && name.equals(held.release().name()))
                && (cluster == null || cluster.equals(held.release().cluster()));
    }
}
