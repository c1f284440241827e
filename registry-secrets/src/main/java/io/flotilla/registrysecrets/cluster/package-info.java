/**
 * The clusters' side: informers per cluster on {@code ClusterPullSecret}s, Namespaces and Secrets, one lane of work
 * per cluster, and the latest coverage of each.
 */
package io.flotilla.registrysecrets.cluster;
