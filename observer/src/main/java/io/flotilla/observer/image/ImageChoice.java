package io.flotilla.observer.image;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The tag a policy last chose for an image repository, since when, the files and releases its edits touch and the
 * correlation ids of the events that asked for those edits (the {@code Auto-release} commit carries one of them).
 */
@Entity
@Table(name = "image_choice")
// Named, so Hibernate parses it at boot rather than on the first request's event-loop thread.
@NamedQuery(name = ImageChoice.IN_ORDER, query = "from ImageChoice order by repository, policy")
public class ImageChoice {

    static final String IN_ORDER = "ImageChoice.inOrder";

    /** {@code <repository> <policy>}: one row per image and policy. */
    @Id
    @Column(length = 2048)
    public String id;

    @Column(nullable = false, length = 1024)
    public String repository;

    @Column(nullable = false, length = 1024)
    public String policy;

    @Column(nullable = false)
    public String tag;

    public String digest;

    /** When the policy first chose this tag (and digest). */
    @Column(nullable = false)
    public Instant chosenAt;

    /** When the latest event about it came. */
    @Column(nullable = false)
    public Instant foundAt;

    /** JSON: the {@link Touch}es of every edit asked for this tag. */
    @Column(columnDefinition = "text", nullable = false)
    public String touches;

    /** Space-separated: the correlation ids of the events that asked for edits, for this tag, oldest first. */
    @Column(columnDefinition = "text", nullable = false)
    public String correlationIds;

    /** A file of a Git source an edit changes, and the release or object it serves there. */
    public record Touch(String source, String branch, String file, String release) {
    }
}
