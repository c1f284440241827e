/**
 * Scanning an image repository: its tags from the registry, a policy's choice among them, the chosen image's
 * digest.
 */
package io.flotilla.imageupdater.scan;
