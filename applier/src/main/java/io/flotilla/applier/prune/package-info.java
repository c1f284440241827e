/**
 * What a release has on its cluster (its inventory), what of it to delete, and deleting it.
 */
package io.flotilla.applier.prune;
