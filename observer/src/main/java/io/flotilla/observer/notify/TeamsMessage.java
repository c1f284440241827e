package io.flotilla.observer.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.events.EventCodec;

/**
 * A Microsoft Teams incoming webhook's message: a MessageCard, coloured by severity, with one fact per change and a
 * button to the journey.
 */
final class TeamsMessage implements MessageFormat {

    @Override
    public String body(Notification notification, String link) {
        ObjectNode card = EventCodec.mapper().createObjectNode()
                .put("@type", "MessageCard")
                .put("@context", "https://schema.org/extensions")
                .put("summary", notification.headline())
                .put("themeColor", switch (notification.severity()) {
                    case ERROR -> "D13438";
                    case WARNING -> "FFB900";
                    case INFO -> "107C10";
                })
                .put("title", notification.headline());
        ArrayNode facts = card.putArray("sections").addObject().putArray("facts");
        notification.changes().stream().limit(Notification.LISTED).forEach(change -> facts.addObject()
                .put("name", change.release().toString())
                .put("value", change.kind().title() + (change.detail() == null ? "" : ": " + change.detail())));
        if (notification.unlisted() > 0) {
            facts.addObject().put("name", "…").put("value", "and " + notification.unlisted() + " more");
        }
        ObjectNode open = card.putArray("potentialAction").addObject().put("@type", "OpenUri").put("name", "Open in Flotilla");
        open.putArray("targets").addObject().put("os", "default").put("uri", link);
        return card.toString();
    }
}
