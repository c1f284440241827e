package io.flotilla.gitwatcher.position;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The last commit emitted for one source: where a restarted watcher picks up. */
@Entity
@Table(name = "source_position")
public class SourcePosition {

    @EmbeddedId
    public Source source;

    @Column(nullable = false, length = 64)
    public String sha;

    @Column(nullable = false)
    public Instant emittedAt;

    /**
     * A repository as configured (a path or a URL, possibly long) and what of it is followed: a branch, or
     * {@code tags:<glob>}, {@code semver:<range>} ({@link io.flotilla.gitwatcher.source.RefSelector#positionKey()}).
     */
    @Embeddable
    public static class Source implements Serializable {

        @Column(length = 2048)
        public String repository;

        @Column(length = 512)
        public String branch;

        public Source() {
        }

        public Source(String repository, String branch) {
            this.repository = repository;
            this.branch = branch;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Source that && repository.equals(that.repository) && branch.equals(that.branch);
        }

        @Override
        public int hashCode() {
            return Objects.hash(repository, branch);
        }
    }
}
