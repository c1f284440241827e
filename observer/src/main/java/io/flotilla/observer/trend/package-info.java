/**
 * The fleet over time, for the dashboard's plots: how many releases each cluster had Ready, hour by hour; how long
 * the latest commits took to be rendered and to reach their clusters; how much drift was found each day. Kept in the
 * observer's PostgreSQL tables for {@link io.flotilla.observer.trend.Trends#KEPT} and forgotten after.
 */
package io.flotilla.observer.trend;
