package io.flotilla.observer.notify;

/** Where a receiver's messages go, each with its own JSON ({@code kind} in the configuration). */
public enum ReceiverKind {
    SLACK(new SlackMessage()),
    TEAMS(new TeamsMessage()),
    WEBHOOK(new WebhookMessage());

    private final MessageFormat format;

    ReceiverKind(MessageFormat format) {
        this.format = format;
    }

    MessageFormat format() {
        return format;
    }
}
