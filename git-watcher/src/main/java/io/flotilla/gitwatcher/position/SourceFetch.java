package io.flotilla.gitwatcher.position;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * When a source was last fetched, by whichever instance held it: where the poll schedule of a source whose lease
 * moves goes on, so that its new holder does not fetch it again at once.
 */
@Entity
@Table(name = "source_fetch")
public class SourceFetch {

    @EmbeddedId
    public SourcePosition.Source source;

    @Column(nullable = false)
    public Instant fetchedAt;

    /** The instance that fetched it. */
    @Column(nullable = false)
    public String instance;
}
