/**
 * Image automation at work: the images followed from each branch's last commit ({@link
 * io.flotilla.imageupdater.automation.FollowedImages}), what to publish when a policy chooses a tag the files do
 * not hold ({@code TagEdits}), the scans run on schedule and on webhooks ({@code ScanLoop}) and the commits read
 * one at a time ({@code CommitLane}).
 */
package io.flotilla.imageupdater.automation;
