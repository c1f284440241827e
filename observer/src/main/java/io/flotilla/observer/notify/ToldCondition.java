package io.flotilla.observer.notify;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A condition of a release that receivers were told of and that still holds: the release is failed, drifted or held
 * at a halted wave gate. Kept in the observer's database, so that a restarted observer, or another instance, neither
 * tells it again nor misses telling its end.
 */
@Entity
@Table(name = "told_condition")
public class ToldCondition {

    /** {@code <condition> <cluster>/<namespace>/<name>}. */
    @Id
    public String id;

    @Column(name = "release_key", nullable = false)
    public String releaseKey;

    @Column(nullable = false)
    public String kind;

    /** The commit a halted rollout was told of for; null for the other conditions. */
    public String cause;

    @Column(nullable = false)
    public Instant since;
}
