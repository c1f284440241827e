/**
 * The renderer's Prometheus metrics: how long commits take to render and what came out per release.
 */
package io.flotilla.renderer.metrics;
