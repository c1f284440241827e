/**
 * What the applier benchmark measures besides the clusters' requests: the applier's consumer lag. The renderings it
 * feeds are {@code testing}'s {@code HelloRelease}, shared with the end-to-end tests of the applier alone.
 */
package io.flotilla.bench.apply;
