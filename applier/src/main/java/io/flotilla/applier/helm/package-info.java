/**
 * Helm's own records of a chart release on its cluster (the {@code sh.helm.release.v1} Secrets), kept as Helm
 * would, so that {@code helm list} and {@code helm history} show Flotilla's releases.
 */
package io.flotilla.applier.helm;
