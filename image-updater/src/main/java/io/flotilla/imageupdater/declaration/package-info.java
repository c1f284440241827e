/**
 * What users declare about image automation in their files, read into the images to follow, their policies and
 * the value paths an {@code Auto-release} commit will write: so far Flux v1 HelmRelease annotations
 * ({@link io.flotilla.imageupdater.declaration.FluxV1Automations}).
 */
package io.flotilla.imageupdater.declaration;
