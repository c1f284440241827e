package io.flotilla.registrysecrets.pullsecret;

/**
 * One pull secret a cluster should have in every namespace: a {@code ClusterPullSecret} of that cluster, or a fleet
 * seed whose selector matches it. Both are copied, listed in the {@code default} ServiceAccounts, rotated and
 * removed alike; only where the seed comes from and how the copies are marked differ ({@link CopyMarks}).
 *
 * @param copyName the copy's name in every namespace
 */
public record PullSecret(Origin origin, String name, String copyName, Seed seed) {

    /** Where a pull secret is defined. */
    public enum Origin {
        /** A registry-creds {@code ClusterPullSecret} on the cluster, its seed a Secret of that cluster. */
        CLUSTER_PULL_SECRET,
        /** A seed defined once for the fleet: Flotilla's configuration or a Secret of the cluster it runs in. */
        FLEET_SEED
    }

    /** The same pull secret, its seed not to be copied for {@code reason}: existing copies stay as they are. */
    public PullSecret withProblem(String reason, String problem) {
        return new PullSecret(origin, name, copyName, Seed.unusable(seed.description(), reason, problem));
    }

    /** How messages name it: {@code ClusterPullSecret dockerhub}, {@code fleet seed hub}. */
    public String title() {
        return (origin == Origin.CLUSTER_PULL_SECRET ? "ClusterPullSecret " : "fleet seed ") + name;
    }
}
