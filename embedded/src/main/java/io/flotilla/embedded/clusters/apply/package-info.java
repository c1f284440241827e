/**
 * How a write changes a stored object: server-side apply with field ownership and conflicts
 * ({@link io.flotilla.embedded.clusters.apply.ManagedFields}), and JSON, merge and strategic merge patches
 * ({@link io.flotilla.embedded.clusters.apply.Patches}). Plain functions of JSON trees; nothing here stores.
 */
package io.flotilla.embedded.clusters.apply;
