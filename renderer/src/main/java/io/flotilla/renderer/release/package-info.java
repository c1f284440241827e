/**
 * What a commit declares: HelmReleases (Flux v1 and v2), the Flux sources and values they refer to, and folders of
 * plain manifests, each read into a {@link io.flotilla.renderer.release.DeclaredRelease}. Bad input fails only the
 * release it is in.
 */
package io.flotilla.renderer.release;
