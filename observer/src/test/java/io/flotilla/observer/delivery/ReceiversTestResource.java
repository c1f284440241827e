package io.flotilla.observer.delivery;

import java.util.HashMap;
import java.util.Map;

import io.flotilla.testing.http.RecordingReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One {@link RecordingReceiver} for a Quarkus test, and the observer configured to report to it: a commit-status
 * source per Git host kind ({@code /srv/<kind>-fleet}, token {@code <kind>-token}) and four notification receivers:
 * {@code slack}, {@code teams}, {@code all} (a webhook hearing everything), {@code prod} (a webhook hearing only of
 * clusters labelled {@code env=prod}, errors only), {@code down} (a webhook answering 503 to everything, hearing only of releases {@code apps/down-*}, so
 * that what other tests leave does not queue up before a test's own message) and
 * {@code broken} (a cluster selector that is no selector). Tries come fast and the grouping window is short. The
 * release pages' actions go to the applier it plays under {@code /applier}.
 */
public class ReceiversTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DASHBOARD = "http://flotilla.example.com";

    private static volatile RecordingReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = new RecordingReceiver();
        receiver.refuseAll("/hooks/down", 503);
        String url = receiver.url();
        Map<String, String> config = new HashMap<>();
        config.put("flotilla.dashboard.public-url", DASHBOARD);
        config.put("flotilla.applier.url", url + "/applier");
        config.put("flotilla.git-status.settle", "200ms");
        config.put("flotilla.git-status.retry.initial-backoff", "100ms");
        config.put("flotilla.git-status.retry.max-backoff", "1s");
        config.put("flotilla.git-status.resend-after", "1s");
        source(config, "github", url + "/github", "acme/fleet");
        source(config, "gitlab", url + "/gitlab/api/v4", "acme/fleet");
        source(config, "gitea", url + "/gitea/api/v1", "acme/fleet");
        source(config, "bitbucket", url + "/bitbucket/2.0", "acme/fleet");
        config.put("flotilla.notifications.window", "3s");
        config.put("flotilla.notifications.retry.initial-backoff", "100ms");
        config.put("flotilla.notifications.retry.max-backoff", "1s");
        config.put("flotilla.notifications.receivers.slack.kind", "slack");
        config.put("flotilla.notifications.receivers.slack.url", url + "/slack/services/T000/B000/xyz");
        config.put("flotilla.notifications.receivers.teams.kind", "teams");
        config.put("flotilla.notifications.receivers.teams.url", url + "/teams/webhookb2/abc");
        config.put("flotilla.notifications.receivers.all.kind", "webhook");
        config.put("flotilla.notifications.receivers.all.url", url + "/hooks/all");
        config.put("flotilla.notifications.receivers.prod.kind", "webhook");
        config.put("flotilla.notifications.receivers.prod.url", url + "/hooks/prod");
        config.put("flotilla.notifications.receivers.prod.cluster-selector", "env=prod");
        config.put("flotilla.notifications.receivers.prod.severities", "error");
        config.put("flotilla.notifications.receivers.down.kind", "webhook");
        config.put("flotilla.notifications.receivers.down.url", url + "/hooks/down");
        config.put("flotilla.notifications.receivers.down.releases", "apps/down-*");
        config.put("flotilla.notifications.receivers.broken.kind", "webhook");
        config.put("flotilla.notifications.receivers.broken.url", url + "/hooks/broken");
        config.put("flotilla.notifications.receivers.broken.cluster-selector", "env");
        return config;
    }

    private static void source(Map<String, String> config, String kind, String apiUrl, String project) {
        String prefix = "flotilla.git-status.sources." + kind + ".";
        config.put(prefix + "repository", "/srv/" + kind + "-fleet");
        config.put(prefix + "kind", kind);
        config.put(prefix + "api-url", apiUrl);
        config.put(prefix + "project", project);
        config.put(prefix + "token", kind + "-token");
    }

    @Override
    public void stop() {
        receiver.close();
        receiver = null;
    }

    /** The receiver of the running test application. */
    public static RecordingReceiver receiver() {
        RecordingReceiver running = receiver;
        if (running == null) {
            throw new IllegalStateException("no receiver runs: annotate the test with "
                    + "@QuarkusTestResource(ReceiversTestResource.class)");
        }
        return running;
    }
}
