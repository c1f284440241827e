package io.flotilla.observer.previewreport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The comments posted ({@link PostedComment}): each text claimed by one statement before it is sent, so that only
 * the instance whose statement changed the row sends it; the comment's id once the host gave it. Each call waits for
 * its statement: called from the preview intake's and the deliveries' threads, never from an event loop.
 */
@ApplicationScoped
public class PostedComments {

    private static final String CLAIM = "insert into {h-schema}preview_comment (id, comment_id, digest)"
            + " values (?1, null, ?2) on conflict (id) do update set digest = excluded.digest"
            + " where preview_comment.digest is distinct from excluded.digest";
    private static final String CREATED = "update {h-schema}preview_comment set comment_id = ?2 where id = ?1";
    private static final String FAILED = "update {h-schema}preview_comment set digest = null where id = ?1"
            + " and digest = ?2";

    private final Mutiny.SessionFactory sessions;

    public PostedComments(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Whether this text of the preview's comment is new for the source: false when it was sent already. */
    boolean claim(String previewId, String source, String text) {
        return await(() -> sessions.withTransaction(session -> session.createNativeQuery(CLAIM)
                .setParameter(1, id(previewId, source)).setParameter(2, digest(text)).executeUpdate())) > 0;
    }

    /** The host's id of the comment; null before it was created. */
    String commentId(String previewId, String source) {
        PostedComment row = await(() -> sessions.withSession(session -> session.find(PostedComment.class,
                id(previewId, source))));
        return row == null ? null : row.commentId;
    }

    void created(String previewId, String source, String commentId) {
        await(() -> sessions.withTransaction(session -> session.createNativeQuery(CREATED)
                .setParameter(1, id(previewId, source)).setParameter(2, commentId).executeUpdate()));
    }

    /** The text was not delivered: the next change of the preview, or the same text again, is sent. */
    void failed(String previewId, String source, String text) {
        await(() -> sessions.withTransaction(session -> session.createNativeQuery(FAILED)
                .setParameter(1, id(previewId, source)).setParameter(2, digest(text)).executeUpdate()));
    }

    private static String id(String previewId, String source) {
        return previewId + " " + source;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static <T> T await(Supplier<Uni<T>> statement) {
        try {
            return VertxContextSupport.subscribeAndAwait(statement);
        } catch (Throwable e) {
            throw new IllegalStateException("the preview comments posted cannot be read or written: " + e.getMessage(),
                    e);
        }
    }
}
