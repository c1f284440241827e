/**
 * What a simulated API server says it serves: its version, the built-in resources of Kubernetes 1.31 and those of
 * the CustomResourceDefinitions stored, and its OpenAPI document. A built-in kind a client needs is added to
 * {@link io.flotilla.embedded.clusters.discovery.BuiltInResources}.
 */
package io.flotilla.embedded.clusters.discovery;
