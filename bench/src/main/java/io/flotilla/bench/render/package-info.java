/**
 * The renderer benchmark: a generated fleet rendered in process, kept out of the renderer's production jar.
 */
package io.flotilla.bench.render;
