/**
 * The git-watcher's bare mirror of each watched repository, built on {@code io.flotilla.git.BareClone}: fetching a
 * branch or the tags with the source's credentials (HTTPS or SSH with known_hosts), and packing beside the fetches.
 */
package io.flotilla.gitwatcher.mirror;
