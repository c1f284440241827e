package io.flotilla.applier.history;

import io.flotilla.events.ReleaseKey;

/** A release whose newest rendering waits at its rollout's wave gate. */
public record HeldRelease(ReleaseKey release, Hold hold) {
}
