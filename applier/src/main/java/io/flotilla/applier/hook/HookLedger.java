package io.flotilla.applier.hook;

import io.flotilla.events.ReleaseKey;

/**
 * Which hook phases already ran for the revision a release is about to record. The applier can stop (a crash, a
 * kill) after a phase's hooks ran and before the revision is recorded; the rendering then comes again for the same
 * revision, and its hooks (a database migration, say) must not run twice. A later revision runs them again.
 */
public interface HookLedger {

    /** Whether the hooks of {@code phase} ran for these inputs and the release's next revision. */
    boolean ran(ReleaseKey release, String inputDigest, String phase);

    /** The hooks of {@code phase} ran, and succeeded, for these inputs and the release's next revision. */
    void record(ReleaseKey release, String inputDigest, String phase);
}
