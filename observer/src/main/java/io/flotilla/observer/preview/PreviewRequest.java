package io.flotilla.observer.preview;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A preview as its newest {@code PreviewRequested} asked for it: which branch, which commit, closed or not. */
@Entity
@Table(name = "preview")
@NamedQuery(name = PreviewRequest.NEWEST, query = "from PreviewRequest order by requestedAt desc, id")
class PreviewRequest {

    static final String NEWEST = "PreviewRequest.newest";

    /** {@link Preview#idOf}: short, for URLs. */
    @Id
    @Column(length = 32)
    public String id;

    /** {@code PreviewKey.id()}: {@code <repository>#<number>} or {@code <repository>@<branch>}. */
    @Column(name = "preview_key", nullable = false, length = 2048)
    public String previewKey;

    @Column(nullable = false, length = 2048)
    public String repository;

    @Column(nullable = false, length = 1024)
    public String branch;

    @Column(name = "pull_request")
    public int pullRequest;

    @Column(nullable = false, length = 64)
    public String sha;

    @Column(name = "base_branch", length = 1024)
    public String baseBranch;

    @Column(columnDefinition = "text")
    public String title;

    @Column(length = 1024)
    public String author;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    public boolean closed;
}
