/**
 * The Secrets sources are fetched with, named as Flux's {@code secretRef}s name them ({@link
 * io.flotilla.git.secret.SecretRef}): read from a folder of files ({@link io.flotilla.git.secret.SecretFolder}) or
 * the cluster Flotilla runs in ({@link io.flotilla.git.secret.HomeClusterSecrets}), in that order
 * ({@link io.flotilla.git.secret.SourceSecrets}). Used for Git repositories here and by the renderer for Helm
 * and OCI repositories. No value ever appears in a message or a log.
 */
package io.flotilla.git.secret;
