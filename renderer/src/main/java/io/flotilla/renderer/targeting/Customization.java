package io.flotilla.renderer.targeting;

import java.util.Map;

/**
 * Values merged over a HelmRelease's values on the clusters {@code clusters} matches, as Rancher Fleet's
 * {@code targetCustomizations}: every customization of an entry that matches a cluster applies there, in order.
 */
public record Customization(ClusterSelector clusters, Map<String, Object> values) {
}
