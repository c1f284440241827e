package io.flotilla.observer.notify;

import java.time.Instant;

import io.flotilla.events.ReleaseKey;

/**
 * One change of one release on one cluster.
 *
 * @param sha           the commit the release was at, when the event says
 * @param detail        what went wrong or what changed, for people; may be null
 * @param correlationId the journey it belongs to: changes of one commit are told together
 */
public record FleetChange(ChangeKind kind, ReleaseKey release, String sha, String detail, String correlationId,
        Instant at) {
}
