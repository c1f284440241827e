/**
 * Previews: what applying a branch's or pull request's rendering of a release would do on its cluster now, found
 * with a server-side dry run and the tenant's rules, nothing written to the cluster nor to the applier's tables.
 */
package io.flotilla.applier.preview;
