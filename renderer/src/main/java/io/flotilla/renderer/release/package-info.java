/**
 * What a commit declares: HelmReleases (Flux v1 and v2), Flux Kustomizations, the Flux sources and values they refer
 * to, folders with a kustomization file, and folders of plain manifests, each read into a
 * {@link io.flotilla.renderer.release.DeclaredRelease}. Bad input fails only the release it is in.
 */
package io.flotilla.renderer.release;
