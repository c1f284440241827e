package io.flotilla.gitwatcher.position;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.store.BlockingStore;
import io.smallrye.mutiny.Uni;

/**
 * The last emitted commit and the last fetch per source, in PostgreSQL. Called from the fetch threads, which block
 * anyway on Git.
 */
@ApplicationScoped
public class SourcePositions {

    private final Mutiny.SessionFactory sessions;

    public SourcePositions(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Optional<String> lastEmitted(GitSource source) {
        SourcePosition position = BlockingStore.await("position store", () -> sessions.withSession(
                session -> session.find(SourcePosition.class, key(source))));
        return Optional.ofNullable(position).map(p -> p.sha);
    }

    /**
     * Stores {@code sha} as the source's position if the stored position is still {@code expected} (null: none is
     * stored): an instance that lost the source's lease while emitting never moves back the position its new holder
     * has moved on.
     *
     * @return false when another instance stored a position meanwhile; nothing is written then
     */
    public boolean store(GitSource source, String expected, String sha) {
        return BlockingStore.await("position store", () -> sessions.withTransaction(session -> session
                .find(SourcePosition.class, key(source), LockMode.PESSIMISTIC_WRITE)
                .chain(found -> {
                    if (found != null && !found.sha.equals(expected)) {
                        return Uni.createFrom().item(false);
                    }
                    SourcePosition position = found == null ? new SourcePosition() : found;
                    position.source = key(source);
                    position.sha = sha;
                    position.emittedAt = Instant.now();
                    return (found == null ? session.persist(position) : Uni.createFrom().voidItem()).replaceWith(true);
                })));
    }

    /** When and by which instance the source was last fetched successfully; empty when it never was. */
    public Optional<SourceFetch> lastFetched(GitSource source) {
        return Optional.ofNullable(BlockingStore.await("position store", () -> sessions.withSession(
                session -> session.find(SourceFetch.class, key(source)))));
    }

    /**
     * Stores {@code at} as the time of the source's last fetch if none later is stored: an instance finishing a slow
     * fetch never moves back the time its new holder stored.
     */
    public void fetched(GitSource source, Instant at, String instance) {
        BlockingStore.await("position store", () -> sessions.withTransaction(session -> session
                .find(SourceFetch.class, key(source), LockMode.PESSIMISTIC_WRITE)
                .chain(found -> {
                    if (found != null && !found.fetchedAt.isBefore(at)) {
                        return Uni.createFrom().voidItem();
                    }
                    SourceFetch fetch = found == null ? new SourceFetch() : found;
                    fetch.source = key(source);
                    fetch.fetchedAt = at;
                    fetch.instance = instance;
                    return found == null ? session.persist(fetch) : Uni.createFrom().voidItem();
                })));
    }

    private static SourcePosition.Source key(GitSource source) {
        return new SourcePosition.Source(source.repository(), source.ref().positionKey());
    }
}
