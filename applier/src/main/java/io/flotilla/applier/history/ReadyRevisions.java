package io.flotilla.applier.history;

import java.util.Optional;

import io.flotilla.events.ReleaseKey;

/** Where the objects of a release's last Ready revision are found; the history keeps them, a test may fake it. */
public interface ReadyRevisions {

    /** The last Ready revision of the release that kept its rendered objects. */
    Optional<ReadyRevision> lastReady(ReleaseKey release);
}
