package io.flotilla.imageupdater.wiring;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.git.GitCredentials;
import io.flotilla.imageupdater.automation.CommitLane;
import io.flotilla.imageupdater.automation.FollowedImages;
import io.flotilla.imageupdater.automation.ScanLoop;
import io.flotilla.imageupdater.automation.TagTopic;
import io.flotilla.imageupdater.registry.Backoff;
import io.flotilla.imageupdater.registry.DockerConfigCredentials;
import io.flotilla.imageupdater.registry.MeteredTransport;
import io.flotilla.imageupdater.registry.RateLimitedTransport;
import io.flotilla.imageupdater.registry.RegistryClients;
import io.flotilla.imageupdater.registry.RegistryCredentials;
import io.flotilla.imageupdater.registry.RegistryTransport;
import io.flotilla.imageupdater.scan.ScanSchedule;
import io.flotilla.imageupdater.share.PushNotices;
import io.flotilla.imageupdater.share.ScanShare;
import io.flotilla.imageupdater.signature.CosignPublicKey;
import io.flotilla.imageupdater.signature.CosignVerification;
import io.flotilla.imageupdater.signature.TagVerification;
import io.flotilla.imageupdater.source.SourceRepositories;
import io.flotilla.messaging.share.PartitionShares;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The plain-Java image-updater, configured from application.properties; the credentials of the Git sources come from
 * the git module's {@code io.flotilla.git.quarkus} ({@code flotilla.source-secrets.*}, as for the other services).
 */
@Singleton
public class ImageUpdaterWiring {

    private static final Logger LOG = Logger.getLogger(ImageUpdaterWiring.class);
    private static final String SECRET_FILES = "flotilla.images.secret-files.";

    @Produces
    @Singleton
    FollowedImages followedImages(@ConfigProperty(name = "flotilla.images.scan-interval") Duration scanInterval,
            @ConfigProperty(name = "flotilla.images.republish-after") Duration republishAfter,
            @ConfigProperty(name = "flotilla.images.insecure-registries") Optional<List<String>> insecure) {
        return new FollowedImages(scanInterval, republishAfter, Set.copyOf(insecure.orElse(List.of())));
    }

    @Produces
    @Singleton
    RegistryClients registryClients(Config config,
            @ConfigProperty(name = "flotilla.images.credentials-file") Optional<Path> credentialsFile,
            @ConfigProperty(name = "flotilla.images.registry-requests-per-second") double perSecond,
            @ConfigProperty(name = "flotilla.images.tag-page-size") int pageSize, MeterRegistry metrics) {
        RegistryTransport transport = new RateLimitedTransport(new MeteredTransport(RegistryTransport.over(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER).build()), metrics), perSecond);
        RegistryCredentials configured = credentialsFile.map(DockerConfigCredentials::read)
                .orElse(RegistryCredentials.none());
        Map<String, RegistryCredentials> bySecret = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(SECRET_FILES)) {
                String secret = name.substring(SECRET_FILES.length()).replace("\"", "");
                bySecret.put(secret, DockerConfigCredentials.read(config.getValue(name, Path.class)));
            }
        }
        LOG.infof("registry credentials: %s, for secrets %s",
                credentialsFile.map(Path::toString).orElse("none configured"), bySecret.keySet());
        return new RegistryClients(transport, configured, bySecret, Backoff.DEFAULT, pageSize);
    }

    /**
     * The cosign check when {@code flotilla.images.cosign.public-key} names a key, for the repositories
     * {@code flotilla.images.cosign.repositories} matches (every one by default); else none.
     */
    @Produces
    @Singleton
    TagVerification tagVerification(
            @ConfigProperty(name = "flotilla.images.cosign.public-key") Optional<Path> publicKey,
            @ConfigProperty(name = "flotilla.images.cosign.repositories", defaultValue = "*") List<String> globs) {
        if (publicKey.isEmpty()) {
            LOG.info("image signatures: not checked (no flotilla.images.cosign.public-key)");
            return TagVerification.NONE;
        }
        CosignVerification verification = new CosignVerification(CosignPublicKey.read(publicKey.get()), globs);
        LOG.info("image signatures: " + verification);
        return verification;
    }

    /** This instance's part of the repositories, in the group {@code flotilla.images.share-group}. */
    @Produces
    @Singleton
    ScanShare scanShare(PartitionShares shares,
            @ConfigProperty(name = "flotilla.images.share-group") String group) {
        return new ScanShare(shares, group);
    }

    @Produces
    @Singleton
    ScanLoop scanLoop(FollowedImages images, RegistryClients registries, TagVerification verification,
            TagTopic topic, MeterRegistry metrics, ScanShare share, Vertx vertx,
            @ConfigProperty(name = "flotilla.images.push-notices.url") Optional<String> notices,
            @ConfigProperty(name = "flotilla.images.push-notices.username") Optional<String> noticesUser,
            @ConfigProperty(name = "flotilla.images.push-notices.password") Optional<String> noticesPassword,
            @ConfigProperty(name = "flotilla.images.retry-first-pause") Duration firstRetry,
            @ConfigProperty(name = "flotilla.images.retry-longest-pause") Duration longestRetry,
            @ConfigProperty(name = "flotilla.images.scan-threads") int threads) {
        return new ScanLoop(images, new ScanSchedule(firstRetry, longestRetry), registries, verification, topic,
                metrics, Clock.systemUTC(), threads, share, new PushNotices(vertx, notices, noticesUser,
                        noticesPassword));
    }

    void close(@Disposes ScanLoop scans) {
        scans.close();
    }

    /**
     * The key ring is asked for at the first commit that carries its source's credentials sealed (a source added
     * through git-watcher's API): an image-updater given no ring reads every other source as before, and says so at
     * such a commit.
     */
    @Produces
    @Singleton
    SourceRepositories sourceRepositories(@ConfigProperty(name = "flotilla.images.work-dir") Path workDir,
            GitCredentials credentials, Instance<KeyRing> keyRing) {
        return new SourceRepositories(workDir.resolve("sources"), credentials.openingSealedAccessWith(keyRing::get));
    }

    void close(@Disposes SourceRepositories sources) {
        sources.close();
    }

    @Produces
    @Singleton
    CommitLane commitLane(SourceRepositories sources, ScanLoop scans,
            @ConfigProperty(name = "flotilla.images.retry-first-pause") Duration firstPause,
            @ConfigProperty(name = "flotilla.images.retry-longest-pause") Duration longestPause) {
        return new CommitLane(sources, scans, firstPause, longestPause);
    }

    void close(@Disposes CommitLane lane) {
        lane.close();
    }

    void startScans(@Observes StartupEvent start, ScanLoop scans,
            @ConfigProperty(name = "flotilla.images.tick") Duration tick) {
        scans.start(tick);
    }
}
