package io.flotilla.gitwatcher.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code flotilla.git.*}: the sources to watch and where their local mirrors live. One source can be
 * given by {@code repository} and {@code branch} directly; more by {@code sources."name".*}. Both take the
 * settings of {@link SourceSettings}.
 */
@ConfigMapping(prefix = "flotilla.git")
public interface GitConfig extends SourceSettings {

    /** The single source's repository: a local path or a URL. */
    Optional<String> repository();

    /** The single source's branch, unless it follows {@code tags} or {@code semver}. */
    @WithDefault("main")
    String branch();

    /** Holds the bare mirror of every watched repository. */
    Path workDir();

    /** How often a source is fetched when no webhook says so sooner, unless the source sets its own. */
    Duration pollInterval();

    /** Sources by name. */
    Map<String, Source> sources();

    /** How image updates are written back to Git as Auto-release commits. */
    AutoRelease autoRelease();

    /**
     * This instance's name in the leases of sources, unique among the running instances; absent, the host name (a
     * pod's name) with a random suffix, so that a restarted instance never mistakes the leases of its previous life
     * for its own.
     */
    Optional<String> instanceId();

    /** How the running instances share the sources. */
    Lease lease();

    /** How webhook deliveries are received. */
    Webhooks webhooks();

    /** {@code flotilla.git.webhooks.*}. */
    interface Webhooks {

        /**
         * Refused deliveries (missing or wrong signature, replayed) one client address may send per
         * {@code refusal-window} before its refused deliveries get 429; 0 for no limit. Deliveries that pass are
         * never limited.
         */
        @WithDefault("30")
        int refusalsPerClient();

        @WithDefault("1m")
        Duration refusalWindow();
    }

    /** {@code flotilla.git.lease.*}: each source is fetched by the one instance holding its lease. */
    interface Lease {

        /** How long a lease lasts unless renewed: an instance that dies loses its sources after this. */
        @WithDefault("15s")
        Duration duration();

        /** How often an instance renews its leases, takes free ones and gives back those above its share. */
        @WithDefault("5s")
        Duration renewInterval();
    }

    /** {@code flotilla.git.auto-release.*}. */
    interface AutoRelease {

        /** Edits received within this time of the first go in one commit per source and branch. */
        @WithDefault("3s")
        Duration window();

        /** The author (and committer) of the commits whose automation names none, as {@code Name <email>}. */
        @WithDefault("Flotilla <flotilla@localhost>")
        String author();

        /** An armored OpenPGP secret key file to sign the commits with; unsigned when absent. */
        Optional<Path> signingKey();

        /** The signing key's passphrase; none when the key is not protected. */
        Optional<String> signingKeyPassphrase();

        /** Pushes rejected because someone pushed meanwhile, each re-applied on the new head, before giving up. */
        @WithDefault("5")
        int pushAttempts();

        /** The longest pause before a commit that could not reach its remote is tried again. */
        @WithDefault("5m")
        Duration retryLongestPause();
    }

    /** {@code flotilla.git.sources."name".*}: one more source. */
    interface Source extends SourceSettings {

        String repository();

        /** The branch to follow, {@code main} when neither it nor {@code tags} nor {@code semver} is given. */
        Optional<String> branch();

        Optional<Duration> pollInterval();
    }
}
