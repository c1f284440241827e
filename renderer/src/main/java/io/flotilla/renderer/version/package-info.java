/**
 * Chart versions as Flux asks for them: an exact version or a semver range, the highest satisfying it winning.
 */
package io.flotilla.renderer.version;
