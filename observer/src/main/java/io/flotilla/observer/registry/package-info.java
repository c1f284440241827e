/**
 * The cluster registry of record: every cluster registered through the API, the kubeconfig given at start or a
 * cluster Secret of the home cluster, kept in PostgreSQL with its credentials sealed ({@code RegistrationRecord}),
 * announced on the clusters topic, and held live as a {@link io.flotilla.clusters.Fleet} that the observer's own
 * watches follow ({@code ClusterRegistry}). Plain Java decides what a kubeconfig seeds ({@code KubeconfigSeed}),
 * what a cluster Secret says ({@code ClusterSecretReader}) and which clusters a selector matches
 * ({@code LabelSelector}).
 */
package io.flotilla.observer.registry;
