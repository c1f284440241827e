/**
 * A commit turned into the desired objects of each release on each targeted cluster, with real Helm: inputs,
 * digests, hooks, CRDs, each cluster's customizations, variables and wave, and the cache that renders only what
 * changed.
 */
package io.flotilla.renderer.render;
