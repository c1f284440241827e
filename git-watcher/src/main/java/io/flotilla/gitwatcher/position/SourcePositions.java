package io.flotilla.gitwatcher.position;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.gitwatcher.source.GitSource;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The last emitted commit per source, in PostgreSQL. Called from the fetch threads, which block
 * anyway on Git: the reactive session runs on a Vert.x context and the caller waits for it.
 */
@ApplicationScoped
public class SourcePositions {

    private final Mutiny.SessionFactory sessions;

    public SourcePositions(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Optional<String> lastEmitted(GitSource source) {
        SourcePosition position = await(() -> sessions.withSession(
                session -> session.find(SourcePosition.class, key(source))));
        return Optional.ofNullable(position).map(p -> p.sha);
    }

    public void store(GitSource source, String sha) {
        await(() -> sessions.withTransaction(session -> session.find(SourcePosition.class, key(source))
                .chain(found -> {
                    SourcePosition position = found == null ? new SourcePosition() : found;
                    position.source = key(source);
                    position.sha = sha;
                    position.emittedAt = Instant.now();
                    return found == null ? session.persist(position) : Uni.createFrom().voidItem();
                })));
    }

    private static SourcePosition.Source key(GitSource source) {
        return new SourcePosition.Source(source.repository(), source.branch());
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("position store failed: " + e.getMessage(), e);
        }
    }
}
