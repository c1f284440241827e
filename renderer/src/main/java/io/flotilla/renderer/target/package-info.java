/**
 * The folder conventions: which clusters a release goes to, decided by the folder that declares it, where the
 * repository's targeting file ({@link io.flotilla.renderer.targeting}) says nothing. To change how target clusters
 * are chosen, start at {@link io.flotilla.renderer.targeting.Targeting}.
 */
package io.flotilla.renderer.target;
