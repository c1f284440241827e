/**
 * What a release has on its cluster (its inventory), what of it to delete, and deleting it: only what the release
 * itself created, as {@code ownership} decides.
 */
package io.flotilla.applier.prune;
