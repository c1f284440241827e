package io.flotilla.observer.notify;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.EventCodec;

/** A generic webhook's message: every change, in full (the body is described in docs/architecture.md). */
final class WebhookMessage implements MessageFormat {

    @Override
    public String body(Notification notification, String link) {
        ObjectNode body = EventCodec.mapper().createObjectNode()
                .put("receiver", notification.receiver())
                .put("correlationId", notification.correlationId())
                .put("sha", notification.sha())
                .put("severity", notification.severity().name().toLowerCase(Locale.ROOT))
                .put("summary", notification.headline())
                .put("link", link);
        ArrayNode changes = body.putArray("changes");
        notification.changes().forEach(change -> changes.addObject()
                .put("kind", change.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("severity", change.kind().severity().name().toLowerCase(Locale.ROOT))
                .put("cluster", change.release().cluster())
                .put("namespace", change.release().namespace())
                .put("release", change.release().name())
                .put("sha", change.sha())
                .put("detail", change.detail())
                .put("at", change.at() == null ? null : change.at().toString()));
        return body.toString();
    }
}
