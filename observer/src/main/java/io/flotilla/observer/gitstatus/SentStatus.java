package io.flotilla.observer.gitstatus;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The last state of a commit's status sent to one Git host source, and whether its sending finished (delivered, or
 * given up after its tries): kept in the observer's database, so that a restarted observer, or another instance, does
 * not send the same state again, and sends a state that an instance which stopped had not finished sending.
 */
@Entity
@Table(name = "commit_status_sent", indexes = @Index(name = "commit_status_sent_unfinished",
        columnList = "finished, updated_at"))
@NamedQuery(name = SentStatus.UNFINISHED, query = "from SentStatus where finished = false and updatedAt < :before"
        + " order by updatedAt")
@NamedQuery(name = SentStatus.FINISHED, query = "update SentStatus set finished = true where id = :id and state = :state")
@NamedQuery(name = SentStatus.DELETE_BEFORE, query = "delete from SentStatus where updatedAt < :before")
public class SentStatus {

    static final String UNFINISHED = "SentStatus.unfinished";
    static final String FINISHED = "SentStatus.finished";
    static final String DELETE_BEFORE = "SentStatus.deleteBefore";
    static final int DESCRIPTION_LENGTH = 4096;

    /** {@code <source> <sha> <context>}. */
    @Id
    @Column(length = 2048)
    public String id;

    /** The source's name in {@code flotilla.git-status.sources}. */
    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String sha;

    @Column(nullable = false, length = 1024)
    public String context;

    /** The cluster, or {@code <rollout>/<wave>}. */
    @Column(nullable = false, length = 1024)
    public String scope;

    @Column(nullable = false)
    public String state;

    /** Cut to {@link #DESCRIPTION_LENGTH}: every host cuts it shorter still. */
    @Column(nullable = false, length = DESCRIPTION_LENGTH)
    public String description;

    @Column(name = "target_url", length = 2048)
    public String targetUrl;

    public boolean finished;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    CommitStatus status() {
        return new CommitStatus(sha, scope, context, StatusState.valueOf(state), description, targetUrl);
    }
}
