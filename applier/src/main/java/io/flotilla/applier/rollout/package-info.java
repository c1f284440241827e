/**
 * Rollouts in waves: the gate a rendering of a later wave passes only once the same release is Ready on every cluster
 * of the wave before, at the commit order it was rendered there or later, for the soak time. Decided from the history
 * (the release's state on the wave before), so that every applier instance decides alike.
 */
package io.flotilla.applier.rollout;
