package io.flotilla.gitwatcher.sync;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.events.Envelope;

/**
 * What caused the commits git-watcher itself pushed (an {@code ImageTagFound}), so that the {@code CommitDetected}
 * of such a commit carries the image event's correlation id: the commit's journey starts at the registry. A
 * commit is forgotten once detected; one pushed to a branch no source follows is kept until the bound is reached.
 */
@ApplicationScoped
public class CommitCauses {

    /** Far more than the Auto-release commits awaiting detection at one time. */
    private static final int MOST_REMEMBERED = 1000;

    private final Map<String, Envelope<?>> causes = new ConcurrentHashMap<>();

    public void remember(String sha, Envelope<?> cause) {
        if (causes.size() >= MOST_REMEMBERED) {
            causes.clear();
        }
        causes.put(sha, cause);
    }

    Optional<Envelope<?>> take(String sha) {
        return Optional.ofNullable(causes.remove(sha));
    }
}
