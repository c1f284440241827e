package io.flotilla.observer.notify;

import io.flotilla.events.EventCodec;

/** A Slack incoming webhook's message: {@code {"text": ...}} in Slack's mrkdwn, the headline linking the journey. */
final class SlackMessage implements MessageFormat {

    @Override
    public String body(Notification notification, String link) {
        StringBuilder text = new StringBuilder("*<").append(link).append('|').append(escape(notification.headline()))
                .append(">*");
        notification.lines().forEach(line -> text.append("\n• ").append(escape(line)));
        if (notification.unlisted() > 0) {
            text.append("\n… and ").append(notification.unlisted()).append(" more");
        }
        return EventCodec.mapper().createObjectNode().put("text", text.toString()).toString();
    }

    /** The three characters Slack's mrkdwn wants escaped. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
