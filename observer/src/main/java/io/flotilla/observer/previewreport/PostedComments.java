package io.flotilla.observer.previewreport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The comments posted ({@link PostedComment}): each text claimed by one statement before it is sent, so that only
 * the instance whose statement changed the row sends it; then, under the row's lock, whether it creates the comment,
 * edits it, or leaves its text to the creation under way, so that no two creations of one comment are ever under way,
 * whichever instance reads which topic. Each call waits for its statement: called from the preview intake's and the
 * deliveries' threads, never from an event loop.
 */
@ApplicationScoped
public class PostedComments {

    /** A creation whose answer has not come after this long is taken as lost (its instance stopped). */
    static final Duration CREATION_LOST = Duration.ofMinutes(5);

    private static final String CLAIM = "insert into {h-schema}preview_comment (id, digest)"
            + " values (?1, ?2) on conflict (id) do update set digest = excluded.digest"
            + " where preview_comment.digest is distinct from excluded.digest";

    /** What to do with a text claimed. */
    record Step(Kind kind, String commentId) {

        enum Kind {
            /** No comment exists, none is being created: create it. */
            CREATE,
            /** Edit the comment of this id. */
            EDIT,
            /** A creation is under way: the text waits for it, and is sent as an edit once the comment exists. */
            WAIT
        }
    }

    private final Mutiny.SessionFactory sessions;

    public PostedComments(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Whether this text of the preview's comment is new for the source: false when it was sent already. */
    boolean claim(String previewId, String source, String text) {
        return await(() -> sessions.withTransaction(session -> session.createNativeQuery(CLAIM)
                .setParameter(1, id(previewId, source)).setParameter(2, digest(text)).executeUpdate())) > 0;
    }

    /** For a text claimed: create the comment, edit it, or leave the text to the creation under way. */
    Step next(String previewId, String source, String text) {
        return await(() -> sessions.withTransaction(session -> session.find(PostedComment.class,
                id(previewId, source), LockMode.PESSIMISTIC_WRITE).map(row -> {
                    if (row.commentId != null) {
                        return new Step(Step.Kind.EDIT, row.commentId);
                    }
                    Instant now = Instant.now();
                    if (row.creatingSince != null && row.creatingSince.isAfter(now.minus(CREATION_LOST))) {
                        row.waitingText = text;
                        return new Step(Step.Kind.WAIT, null);
                    }
                    row.creatingSince = now;
                    row.waitingText = null;
                    return new Step(Step.Kind.CREATE, null);
                })));
    }

    /**
     * The comment was created, or its creation given up ({@code commentId} null: the text is sent again with the
     * next change).
     *
     * @return the text that waited for the creation, to edit the comment with (or create it again); null for none
     */
    String created(String previewId, String source, String text, String commentId) {
        return await(() -> sessions.withTransaction(session -> session.find(PostedComment.class,
                id(previewId, source), LockMode.PESSIMISTIC_WRITE).map(row -> {
                    String waiting = row.waitingText;
                    row.waitingText = null;
                    row.creatingSince = null;
                    if (commentId != null) {
                        row.commentId = commentId;
                    } else if (digest(text).equals(row.digest)) {
                        row.digest = null;
                    }
                    return waiting;
                })));
    }

    /** The edit was not delivered: the next change of the preview, or the same text again, is sent. */
    void failed(String previewId, String source, String text) {
        await(() -> sessions.withTransaction(session -> session.find(PostedComment.class, id(previewId, source))
                .invoke(row -> {
                    if (row != null && digest(text).equals(row.digest)) {
                        row.digest = null;
                    }
                })));
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
