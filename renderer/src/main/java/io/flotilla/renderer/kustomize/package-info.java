/**
 * Kustomize builds, run by kustomize itself (the {@code kustomize} binary or {@code kubectl kustomize}): plain
 * {@code kustomization.yaml} folders, the overlays Flux Kustomizations become, and HelmRelease post-renderers;
 * Flux's post-build variable substitution on what they build.
 */
package io.flotilla.renderer.kustomize;
