package io.flotilla.observer.trend;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** How many times drift was found, in any release, on one day (UTC). */
@Entity
@Table(name = "drift_per_day")
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = DriftDay.SINCE, query = "from DriftDay where dayStart >= :since order by dayStart")
@NamedQuery(name = DriftDay.ONE_MORE, query = "update DriftDay set found = found + 1 where dayStart = :day")
@NamedQuery(name = DriftDay.DELETE_BEFORE, query = "delete from DriftDay where dayStart < :before")
public class DriftDay {

    static final String SINCE = "DriftDay.since";
    static final String ONE_MORE = "DriftDay.oneMore";
    static final String DELETE_BEFORE = "DriftDay.deleteBefore";

    @Id
    @Column(name = "day_start")
    public Instant dayStart;

    public int found;
}
