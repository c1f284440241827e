/**
 * What the renderer knows of each cluster: its Kubernetes version and API versions, Helm's {@code .Capabilities},
 * as the observer last reported them.
 */
package io.flotilla.renderer.cluster;
