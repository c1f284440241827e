/**
 * The commits the renderer reads, from its own bare clones ({@code io.flotilla.git.BareClone}) of the watched
 * repository and of chart repositories, fetched with the Secret their source names or the one configured for them
 * ({@code io.flotilla.git.GitCredentials}); refs resolved as Flux names them (branch, tag, semver range, commit).
 */
package io.flotilla.renderer.source;
