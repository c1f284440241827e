/**
 * What the applier benchmark feeds and measures: the example chart rendered as the renderer emits it, and the
 * applier's consumer lag.
 */
package io.flotilla.bench.apply;
