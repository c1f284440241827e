/**
 * What users declare about image automation in their files, read from a commit ({@code CommitDeclarations}):
 * Flux v1 HelmRelease annotations in their current and older names ({@code FluxV1Automations},
 * {@code FluxV1Annotations}), Flux v2 ImageRepository, ImagePolicy and ImageUpdateAutomation objects and setter
 * markers ({@code FluxV2Automations}, {@code SetterMarkers}). Each automated image ({@code AutomatedImage}) carries
 * its repository, policy and the values it moves ({@code EditTarget}: file, document, YAML path, what it reads);
 * what cannot be followed is an {@code AutomationError} naming the file and the object.
 */
package io.flotilla.imageupdater.declaration;
