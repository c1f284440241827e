package io.flotilla.gitwatcher.source;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code flotilla.git.*}: the sources to watch and where their local mirrors live. One source can be
 * given by {@code repository} and {@code branch} directly; more by {@code sources."name".*}.
 */
@ConfigMapping(prefix = "flotilla.git")
public interface GitConfig {

    /** The single source's repository: a local path or a URL. */
    Optional<String> repository();

    @WithDefault("main")
    String branch();

    /** The single source follows the newest tag matching this pattern ({@code v*}) instead of the branch. */
    Optional<String> tags();

    /** The single source follows the highest tag within this semver range ({@code ^1.2}) instead of the branch. */
    Optional<String> semver();

    /** Only commits touching these paths (folders or files) are emitted; none means every commit. */
    Optional<List<String>> paths();

    /**
     * The single source accepts only commits signed by these OpenPGP keys: files of armored public keys (or
     * the armored blocks themselves); none means signatures are not checked.
     */
    Optional<List<String>> signingKeys();

    /** The single source's webhook secret (HMAC key or token, depending on the Git host). */
    Optional<String> webhookSecret();

    /** The single source's HTTPS username; with {@code password} (a token or a password). */
    Optional<String> username();

    Optional<String> password();

    /** The single source's SSH private key file; with {@code known-hosts}, the file listing the server's key. */
    Optional<String> sshKey();

    Optional<String> knownHosts();

    /** Holds the bare mirror of every watched repository. */
    Path workDir();

    /** How often a source is fetched when no webhook says so sooner, unless the source sets its own. */
    Duration pollInterval();

    /** Sources by name. */
    Map<String, Source> sources();

    /** {@code flotilla.git.sources."name".*}: one more source. */
    interface Source {

        String repository();

        /** The branch to follow, {@code main} when neither it nor {@code tags} nor {@code semver} is given. */
        Optional<String> branch();

        Optional<String> tags();

        Optional<String> semver();

        Optional<Duration> pollInterval();

        Optional<List<String>> paths();

        Optional<List<String>> signingKeys();

        Optional<String> webhookSecret();

        Optional<String> username();

        Optional<String> password();

        Optional<String> sshKey();

        Optional<String> knownHosts();
    }
}
