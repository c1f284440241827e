package io.flotilla.observer.previewreport;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A preview's comment on its pull request at one Git host source: the id the host gave it, so later pushes edit it
 * rather than add another; the digest of the text last claimed for it, so the same text is not sent twice (a record
 * read again, a restart, another instance); and while its creation waits for the host's answer, since when, and the
 * newest text to edit it with once it exists.
 */
@Entity
@Table(name = "preview_comment")
public class PostedComment {

    /** {@code <preview id> <source>}. */
    @Id
    @Column(length = 600)
    public String id;

    @Column(name = "comment_id", length = 128)
    public String commentId;

    /** SHA-256 of the text last claimed; null when its sending failed, so the next change sends again. */
    @Column(length = 64)
    public String digest;

    /** When the creation now waiting for the host's answer was sent; null when none waits. */
    @Column(name = "creating_since")
    public Instant creatingSince;

    /** A text that came while the comment was being created: it is sent as an edit once the comment exists. */
    @Column(name = "waiting_text", columnDefinition = "text")
    public String waitingText;
}
