/**
 * The commits the renderer reads, from its own bare clones ({@code io.flotilla.git.BareClone}) of the watched
 * repository and of chart repositories; refs resolved as Flux names them (branch, tag, semver range, commit).
 */
package io.flotilla.renderer.source;
