/**
 * One queue of work per cluster: the releases of one cluster wait behind each other, never behind another
 * cluster's, and are held with a backoff while their cluster does not answer. A work acknowledges the
 * {@link io.flotilla.applier.queue.Delivery} it came in once done.
 */
package io.flotilla.applier.queue;
