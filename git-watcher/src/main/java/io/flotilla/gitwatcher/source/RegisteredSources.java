package io.flotilla.gitwatcher.source;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** Sources added at run time, in PostgreSQL. Called from worker threads, which wait for the reactive session. */
@ApplicationScoped
public class RegisteredSources {

    private final Mutiny.SessionFactory sessions;

    public RegisteredSources(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public List<SourceDefinition> all() {
        return await(() -> sessions.withSession(session -> session
                .createQuery("from RegisteredSource order by id", RegisteredSource.class).getResultList()))
                .stream().map(RegisteredSource::definition).toList();
    }

    public void save(SourceDefinition definition) {
        await(() -> sessions.withTransaction(session -> session.merge(RegisteredSource.of(definition)).replaceWithVoid()));
    }

    public void delete(String id) {
        await(() -> sessions.withTransaction(session -> session.find(RegisteredSource.class, id)
                .chain(found -> found == null ? Uni.createFrom().voidItem() : session.remove(found))));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("registered sources store failed: " + e.getMessage(), e);
        }
    }
}
