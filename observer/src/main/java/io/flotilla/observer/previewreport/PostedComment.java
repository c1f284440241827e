package io.flotilla.observer.previewreport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A preview's comment on its pull request at one Git host source: the id the host gave it, so later pushes edit it
 * rather than add another, and the digest of the text last claimed for it, so the same text is not sent twice
 * (a record read again, a restart, another instance).
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
}
