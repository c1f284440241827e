package io.flotilla.observer.delivery;

import java.time.Instant;

/**
 * The latest outcome of a request, as the API shows it.
 *
 * @param attempts  tries so far
 * @param lastError what the destination answered or why it could not be reached; null once delivered
 */
public record DeliveryView(String destination, String key, String description, DeliveryState state, int attempts,
        String lastError, Instant updatedAt) {
}
