package io.flotilla.gitwatcher.source;

import java.util.List;
import java.util.Optional;

/**
 * What the single source ({@code flotilla.git.*}) and each named one ({@code flotilla.git.sources."name".*})
 * say alike about themselves.
 */
public interface SourceSettings {

    /** Follow the newest tag matching this pattern ({@code v*}) instead of a branch. */
    Optional<String> tags();

    /** Follow the highest tag within this semver range ({@code ^1.2}) instead of a branch. */
    Optional<String> semver();

    /** Only commits touching these paths (folders or files) are emitted; none means every commit. */
    Optional<List<String>> paths();

    /**
     * Accept only commits signed by these OpenPGP keys: files of armored public keys (or the armored blocks
     * themselves); none means signatures are not checked.
     */
    Optional<List<String>> signingKeys();

    /** The webhook secret (HMAC key or token, depending on the Git host). */
    Optional<String> webhookSecret();

    /**
     * Take webhook deliveries without a signature: anyone who reaches the endpoint can make the source fetch sooner.
     * Only for a source without a secret; without either, the source takes no deliveries and is found by polling.
     */
    Optional<Boolean> unsignedWebhooks();

    /** The HTTPS username; with {@code password} (a token or a password). */
    Optional<String> username();

    Optional<String> password();

    /** The SSH private key file; with {@code known-hosts}, the file listing the server's key. */
    Optional<String> sshKey();

    Optional<String> knownHosts();

    /**
     * A Secret, {@code namespace/name}, holding the credentials under Flux's keys, read from
     * {@code flotilla.source-secrets.folder} or the cluster Flotilla runs in: nothing secret in the configuration.
     */
    Optional<String> secret();

    /**
     * A glob of other branches of the repository ({@code preview/*}) previewed on each new head the polls find: each
     * rendered against what runs, never applied. For Git hosts without pull request webhooks; none by default.
     */
    Optional<String> previewBranches();
}
