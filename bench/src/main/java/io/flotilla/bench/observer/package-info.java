/**
 * The observer benchmark's large fleet: simulated clusters filled with objects, the releases' events sent as the
 * other services send them, drift timed from a change to its DriftFound, the dashboard timed.
 */
package io.flotilla.bench.observer;
