/**
 * Webhook deliveries already accepted, by the id their Git host gives them, shared by every instance: a delivery sent
 * again as it was is refused.
 */
package io.flotilla.gitwatcher.delivery;
