package io.flotilla.gitwatcher.source;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;
import io.flotilla.git.SealedSourceAccess;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.gitwatcher.store.BlockingStore;
import io.smallrye.mutiny.Uni;

/** Sources added at run time, in PostgreSQL, their secrets sealed with the key ring. Called from worker threads. */
@ApplicationScoped
public class RegisteredSources {

    private static final Logger LOG = Logger.getLogger(RegisteredSources.class);

    private final Mutiny.SessionFactory sessions;
    private final KeyRing keys;

    public RegisteredSources(Mutiny.SessionFactory sessions, KeyRing keys) {
        this.sessions = sessions;
        this.keys = keys;
    }

    /** Every source kept; one whose secrets do not open (a key taken out of the ring) is left out with an error. */
    public List<SourceDefinition> all() {
        List<SourceDefinition> sources = new ArrayList<>();
        for (RegisteredSource source : BlockingStore.await("registered sources store", () -> sessions.withSession(
                session -> session.createQuery("from RegisteredSource order by id", RegisteredSource.class)
                        .getResultList()))) {
            try {
                sources.add(source.definition(keys));
            } catch (SealingException e) {
                LOG.errorf("%s; it is not watched until the key is back in %s or %s, or it is added again",
                        e.getMessage(), KeyRing.KEYS_FILE, KeyRing.KEYS);
            }
        }
        return sources;
    }

    /**
     * The credentials of a source added through the API, sealed for the renderer and the image-updater, which carry
     * no configuration for it: every commit of the source carries them ({@code CommitDetected.access}), bound to its
     * repository. Null when it has none. Sources of the configuration carry nothing: the operator gives those
     * services their own (read-only, maybe) credentials, never git-watcher's, which may push.
     */
    public String sealedAccess(SourceDefinition definition) {
        SourceCredentials credentials = definition.credentials();
        String repository = definition.source().repository();
        if (credentials == null) {
            return null;
        }
        if (credentials.secret() != null) {
            return SealedSourceAccess.sealSecret(keys, repository, SecretRef.parse(credentials.secret()));
        }
        return credentials.username() == null ? null
                : SealedSourceAccess.sealBasic(keys, repository, credentials.username(), credentials.password());
    }

    public void save(SourceDefinition definition) {
        BlockingStore.await("registered sources store", () -> sessions.withTransaction(session -> session
                .merge(RegisteredSource.of(definition, keys)).replaceWithVoid()));
    }

    public void delete(String id) {
        BlockingStore.await("registered sources store", () -> sessions.withTransaction(session -> session
                .find(RegisteredSource.class, id)
                .chain(found -> found == null ? Uni.createFrom().voidItem() : session.remove(found))));
    }
}
