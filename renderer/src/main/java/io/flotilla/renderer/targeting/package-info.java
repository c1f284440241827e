/**
 * The repository's targeting file, {@code flotilla.yaml} at its root: which clusters each release goes to (path
 * globs mapped to cluster selectors), per-cluster values, the waves a change rolls out in, and the tenants that own
 * folders ({@link io.flotilla.renderer.targeting.TenantDeclaration}). Without the file, or
 * for a release no entry matches, the folder conventions of {@link io.flotilla.renderer.target.TargetSelector} hold.
 * Start at {@link io.flotilla.renderer.targeting.TargetingFile} for the format and
 * {@link io.flotilla.renderer.targeting.Targeting} for how a release's clusters are chosen.
 */
package io.flotilla.renderer.targeting;
