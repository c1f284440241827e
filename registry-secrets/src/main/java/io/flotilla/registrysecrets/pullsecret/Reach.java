package io.flotilla.registrysecrets.pullsecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Secret;
import io.flotilla.events.PullSecretsSynced;

/**
 * How far one pull secret reaches on a cluster while a sync runs: the namespaces it should be in, those where it is
 * in place (copy with the seed's digest, listed by the {@code default} ServiceAccount), those whose copy carries
 * another digest (a rotation not done there yet) and what went wrong.
 */
final class Reach {

    final PullSecret pullSecret;
    final String digest;
    final List<String> namespaces = new ArrayList<>();
    final Set<String> covered = new TreeSet<>();
    final Set<String> stale = new TreeSet<>();
    final List<String> errors = new ArrayList<>();

    Reach(PullSecret pullSecret) {
        this.pullSecret = pullSecret;
        this.digest = pullSecret.seed().digest();
        if (pullSecret.seed().problem() != null) {
            errors.add(pullSecret.seed().problem());
        }
    }

    /** Whether {@code copy} is this pull secret's, carrying the seed's data and saying so. */
    boolean carriedBy(Secret copy) {
        return copy != null && PullSecretSync.DOCKER_CONFIG_JSON.equals(copy.getType())
                && digest.equals(SeedDigest.of(copy.getData())) && digest.equals(CopyMarks.digest(copy))
                && CopyMarks.owner(pullSecret).equals(CopyMarks.owner(copy));
    }

    PullSecretsSynced.Coverage coverage() {
        return new PullSecretsSynced.Coverage(pullSecret.name(), pullSecret.seed().description(), digest,
                covered.size(), namespaces.size(), List.copyOf(stale), List.copyOf(errors));
    }
}
