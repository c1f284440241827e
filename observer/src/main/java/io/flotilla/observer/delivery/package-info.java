/**
 * Requests the observer sends out to other systems (commit statuses to Git hosts, notifications to chat and webhooks):
 * each destination has its own bounded queue and worker, so one that is down holds up nothing else, and refusals
 * (5xx, 429) and connection failures are retried with backoff. The outcome of the latest requests is kept for the API.
 */
package io.flotilla.observer.delivery;
