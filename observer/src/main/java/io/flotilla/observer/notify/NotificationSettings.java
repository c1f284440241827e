package io.flotilla.observer.notify;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flotilla.observer.delivery.RetrySettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code flotilla.notifications.*}: who hears of failed, drifted, recovered releases and halted rollouts. */
@ConfigMapping(prefix = "flotilla.notifications")
public interface NotificationSettings {

    /** How long the changes of one commit are gathered into one message, from the first. */
    @WithDefault("10s")
    Duration window();

    /** The receivers, by a name of the user's choosing; none by default. */
    Map<String, Receiver> receivers();

    RetrySettings retry();

    /** One Slack channel, Teams channel or webhook, and what it hears of. */
    interface Receiver {

        ReceiverKind kind();

        /** The incoming webhook's URL; it is a secret for Slack and Teams, and never shown. */
        URI url();

        /** Globs on {@code namespace/name} of the releases told of ({@code apps/*}); every release by default. */
        @WithDefault("**")
        List<String> releases();

        /** Globs on the names of the clusters told of ({@code prod-*}); every cluster by default. */
        @WithDefault("*")
        List<String> clusters();

        /** A label selector ({@code env=prod,region=eu}) the clusters told of must match too. */
        Optional<String> clusterSelector();

        /** {@code error} (Failed, Rollout halted), {@code warning} (Drifted), {@code info} (Recovered). */
        @WithDefault("error,warning,info")
        Set<Severity> severities();
    }
}
