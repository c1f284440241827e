/**
 * The Kubernetes API as it travels: request paths ({@link io.flotilla.embedded.clusters.wire.ApiPath}), write
 * bodies in JSON, YAML or protobuf, the {@code Status} of a refusal ({@link io.flotilla.embedded.clusters.wire.ApiStatus})
 * and timestamps as the server writes them.
 */
package io.flotilla.embedded.clusters.wire;
