/**
 * Image automation as the observer sees it: each image and policy with the tag last chosen ({@code ImageTagFound} on
 * the images topic), the files and releases its edits touch, and the {@code Auto-release} commit that carries its
 * correlation id, with how far that commit got. The image-updater's {@code GET /api/automations} has the rest (last
 * scan, errors, values as read).
 */
package io.flotilla.observer.image;
