package io.flotilla.observer.preview;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One result of a preview's commit as it came on the results topic: the renderer's plan ({@code release} null) or
 * the applier's check of one release, its event's payload as JSON. Kept per commit: only those of the preview's
 * newest commit count, the others are deleted when a newer commit is asked for.
 */
@Entity
@Table(name = "preview_result", indexes = @Index(name = "preview_result_of", columnList = "preview_id, sha"))
@NamedQuery(name = PreviewResult.OF, query = "from PreviewResult where previewId = :preview and sha = :sha")
@NamedQuery(name = PreviewResult.NEWEST_COMMITS, query = "from PreviewResult result where exists (from PreviewRequest"
        + " request where request.id = result.previewId and request.sha = result.sha)")
@NamedQuery(name = PreviewResult.OTHER_COMMITS, query = "delete from PreviewResult where previewId = :preview"
        + " and sha <> :sha")
class PreviewResult {

    static final String OF = "PreviewResult.of";
    /** The results of each preview's newest commit. */
    static final String NEWEST_COMMITS = "PreviewResult.newestCommits";
    static final String OTHER_COMMITS = "PreviewResult.otherCommits";
    /** What {@link #release} holds for the renderer's plan. */
    static final String PLAN = "";

    /** {@code <preview id> <sha> <release key>}. */
    @Id
    @Column(length = 1200)
    public String id;

    @Column(name = "preview_id", nullable = false, length = 32)
    public String previewId;

    @Column(nullable = false, length = 64)
    public String sha;

    /** The release checked, {@code cluster/namespace/name}; empty for the plan. */
    @Column(nullable = false, length = 1024)
    public String release;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    static String idOf(String previewId, String sha, String release) {
        return previewId + " " + sha + " " + release;
    }
}
