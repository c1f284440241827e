package io.flotilla.imageupdater.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a release chooses the image tag to run among those a repository holds: a Flux v1 filter annotation
 * ({@link FluxV1Filter}) or a Flux v2 ImagePolicy ({@link ImagePolicySpec}). Tags a policy cannot read (not a
 * version, not a number, not matching) are skipped, never an error.
 */
public interface TagPolicy {

    /**
     * The tag this policy chooses among {@code tags}, empty if none is eligible. {@code createdAt} gives when an
     * image was built (its config's creation time); it is asked only by policies that order by it, and only for
     * eligible tags, since each answer may cost the registry requests.
     */
    Optional<String> choose(Collection<String> tags, Function<String, Instant> createdAt);

    /** The policy as its user wrote it, for messages. */
    String describe();
}
