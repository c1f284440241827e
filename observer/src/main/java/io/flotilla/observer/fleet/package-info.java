/**
 * The fleet as the API and the dashboard show it: each registered cluster's registration, state, releases,
 * bootstrap, waves and held rollouts in one {@code ClusterView}, read by {@code ClusterViews}, chosen by an equality
 * {@code LabelSelector}.
 */
package io.flotilla.observer.fleet;
