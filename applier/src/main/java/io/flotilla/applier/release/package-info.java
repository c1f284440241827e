/**
 * The release the applier is asked to bring to its cluster ({@link io.flotilla.applier.release.DesiredRelease}):
 * built from a rendering at the Kafka edge, or from history for a rollback or a drift correction, so that no
 * part of the applier fabricates wire events to feed itself.
 */
package io.flotilla.applier.release;
