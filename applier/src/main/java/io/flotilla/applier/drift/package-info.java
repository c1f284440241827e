/**
 * Drift the observer found, matched to the rendered objects of the revision it drifted from.
 */
package io.flotilla.applier.drift;
