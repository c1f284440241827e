/**
 * Rollouts held at a wave gate as the applier tells them ({@code RolloutHeld} on the applied topic): each held or
 * halted release with the cluster it waits for, until the release's next {@code ReleaseApplied}.
 */
package io.flotilla.observer.rollout;
