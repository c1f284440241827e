package io.flotilla.registrysecrets.fleetseed;

import io.flotilla.registrysecrets.pullsecret.ClusterPullSecret;
import io.flotilla.registrysecrets.pullsecret.PullSecret;
import io.flotilla.registrysecrets.pullsecret.Seed;

/**
 * A seed defined once for the fleet: its name, the clusters it is for, its copies' name (by default
 * {@code <name>-registrycreds}, as a {@code ClusterPullSecret} of that name would have) and the seed itself. Printing
 * it shows the seed's digest, never its data ({@link Seed#toString()}).
 *
 * @param definedBy where it is defined, for messages: a configuration key or a Secret of the home cluster
 */
public record FleetSeed(String name, SeedSelector selector, String copyName, Seed seed, String definedBy) {

    static String defaultCopyName(String name) {
        return name + ClusterPullSecret.COPY_SUFFIX;
    }

    /** What a cluster it is for copies. */
    public PullSecret pullSecret() {
        return new PullSecret(PullSecret.Origin.FLEET_SEED, name, copyName, seed);
    }
}
