/**
 * The digests that decide whether a release must be rendered again: the same input, the same digest, nothing
 * emitted.
 */
package io.flotilla.renderer.digest;
