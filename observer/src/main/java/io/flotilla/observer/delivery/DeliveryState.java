package io.flotilla.observer.delivery;

/** Where a request to a destination stands. */
public enum DeliveryState {
    /** Waiting for its destination's earlier requests. */
    QUEUED,
    /** Refused or not answered; tried again after a backoff. */
    RETRYING,
    DELIVERED,
    /** Refused for good (a 4xx other than 429), or still refused after every try. */
    FAILED,
    /** Its destination's queue was full. */
    DROPPED
}
