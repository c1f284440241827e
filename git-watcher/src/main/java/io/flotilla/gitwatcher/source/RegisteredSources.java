package io.flotilla.gitwatcher.source;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.gitwatcher.store.BlockingStore;
import io.smallrye.mutiny.Uni;

/** Sources added at run time, in PostgreSQL. Called from worker threads. */
@ApplicationScoped
public class RegisteredSources {

    private final Mutiny.SessionFactory sessions;

    public RegisteredSources(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public List<SourceDefinition> all() {
        return BlockingStore.await("registered sources store", () -> sessions.withSession(session -> session
                .createQuery("from RegisteredSource order by id", RegisteredSource.class).getResultList()))
                .stream().map(RegisteredSource::definition).toList();
    }

    public void save(SourceDefinition definition) {
        BlockingStore.await("registered sources store", () -> sessions.withTransaction(session -> session
                .merge(RegisteredSource.of(definition)).replaceWithVoid()));
    }

    public void delete(String id) {
        BlockingStore.await("registered sources store", () -> sessions.withTransaction(session -> session
                .find(RegisteredSource.class, id)
                .chain(found -> found == null ? Uni.createFrom().voidItem() : session.remove(found))));
    }
}
