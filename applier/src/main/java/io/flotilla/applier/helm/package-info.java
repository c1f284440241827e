/**
 * Helm's own records of a chart release on its cluster (the {@code sh.helm.release.v1} Secrets), kept as Helm
 * would, so that Helm shows Flotilla's releases and works on them ({@code helm history}, {@code get}, {@code test},
 * {@code upgrade}, {@code rollback}), and a release Helm installed goes on at its next revision.
 */
package io.flotilla.applier.helm;
