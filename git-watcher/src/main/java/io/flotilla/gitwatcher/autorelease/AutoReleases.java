package io.flotilla.gitwatcher.autorelease;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.flotilla.gitwatcher.source.AutoReleaseStatus;
import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.gitwatcher.sync.CommitCauses;
import io.flotilla.gitwatcher.sync.WatchedSources;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The service's Auto-release writer: edits in (from the Kafka edge), commits pushed through the watched sources,
 * each source's Auto-release status out (for the API). Configured by {@code flotilla.git.auto-release.*}.
 */
@ApplicationScoped
public class AutoReleases {

    private static final Logger LOG = Logger.getLogger(AutoReleases.class);

    private final AutoReleaseStatuses statuses = new AutoReleaseStatuses();
    private final ReleaseBatches batches;

    public AutoReleases(GitConfig config, WatchedSources sources, CommitCauses causes) {
        GitConfig.AutoRelease settings = config.autoRelease();
        OpenPgpSigner signer = settings.signingKey()
                .map(file -> OpenPgpSigner.fromFile(file, settings.signingKeyPassphrase().orElse(null)))
                .orElse(null);
        if (signer != null) {
            LOG.infof("Auto-release commits are signed with OpenPGP key %s", signer.keyId());
        }
        if (settings.pushAttempts() < 1) {
            throw new IllegalArgumentException("flotilla.git.auto-release.push-attempts must be 1 or more, not "
                    + settings.pushAttempts());
        }
        AutoReleaseWriter writer = new AutoReleaseWriter(sources::access, id -> sources.fetch(List.of(id)), statuses,
                causes, settings.author(), signer, settings.pushAttempts());
        this.batches = new ReleaseBatches(writer, settings.window(), settings.retryLongestPause());
    }

    /** @return completes once the edits are written, found written already, or given up for good */
    public CompletableFuture<Void> write(List<PendingEdit> edits) {
        return edits.isEmpty() ? CompletableFuture.completedFuture(null) : batches.add(edits);
    }

    public Optional<AutoReleaseStatus> status(String sourceId) {
        return statuses.of(sourceId);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        batches.stop();
    }
}
