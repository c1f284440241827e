package io.flotilla.git;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;

import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecret;
import io.flotilla.git.secret.SourceSecretException;
import io.flotilla.git.secret.SourceSecrets;

/**
 * The credentials a Git repository is fetched with, from the Secret that names them: the one a Flux GitRepository's
 * {@code spec.secretRef} names, else the one configured for the repository (its watched repository has no
 * GitRepository to say it), else none. A Secret's keys are Flux's: {@code username} and {@code password} (HTTPS
 * basic), {@code bearerToken} (HTTPS bearer), {@code identity} with {@code known_hosts} (SSH).
 */
public final class GitCredentials {

    private static final Supplier<KeyRing> NO_RING = () -> {
        throw new SealingException("no key ring is given to this service");
    };

    private final SourceSecrets secrets;
    private final Map<String, SecretRef> byRepository = new HashMap<>();
    private final Supplier<KeyRing> ring;

    /** @param byRepository a Secret for each repository, named as Git names it (any spelling, see {@link RepositoryUrl}) */
    public GitCredentials(SourceSecrets secrets, Map<String, SecretRef> byRepository) {
        this(secrets, byRepository, NO_RING);
    }

    private GitCredentials(SourceSecrets secrets, Map<String, SecretRef> byRepository, Supplier<KeyRing> ring) {
        this.secrets = secrets;
        byRepository.forEach((repository, secret) -> this.byRepository.put(RepositoryUrl.normalise(repository), secret));
        this.ring = ring;
    }

    /**
     * These credentials, and the sealed ones commits carry ({@link SealedSourceAccess}) opened with {@code ring}, asked
     * for at the first such commit: a service that never meets one needs no key ring.
     */
    public GitCredentials openingSealedAccessWith(Supplier<KeyRing> ring) {
        return new GitCredentials(secrets, byRepository, ring);
    }

    /** No credentials for any repository. */
    public static GitCredentials none() {
        return new GitCredentials(SourceSecrets.none(), Map.of());
    }

    /** Where the Secrets are read from, which other sources of the same service (Helm repositories) share. */
    public SourceSecrets secrets() {
        return secrets;
    }

    /** The Secret {@code repository} is fetched with: {@code named} when given, else the one configured for it. */
    public Optional<SecretRef> secretFor(String repository, SecretRef named) {
        return named != null ? Optional.of(named)
                : Optional.ofNullable(byRepository.get(RepositoryUrl.normalise(repository)));
    }

    /**
     * The access for one fetch of {@code repository}, for the caller to close once done.
     *
     * @param named  the Secret a GitRepository names, null for the one configured
     * @param usedBy the source in messages ({@code GitRepository flux-system/charts})
     * @throws SourceSecretException naming the source and the Secret when it is missing or unusable
     */
    public Fetching access(String repository, SecretRef named, String usedBy) {
        Optional<SecretRef> secret = secretFor(repository, named);
        if (secret.isEmpty()) {
            return new Fetching(RemoteAccess.NONE, null);
        }
        return new Fetching(access(secrets.require(secret.get(), usedBy), usedBy), secret.get());
    }

    /**
     * The access for one fetch of the repository a commit names: the credentials the commit carries sealed
     * ({@code CommitDetected.access}, a source added through git-watcher's API) when it does, else the Secret
     * configured for the repository, if any.
     *
     * @param sealedAccess what the commit carries; null for none
     * @param usedBy       the commit in messages
     * @throws SourceSecretException when the sealed access does not open here (naming the reason, never a value) or
     *                               the Secret it or the configuration names is missing or unusable
     */
    public Fetching accessForCommit(String repository, String sealedAccess, String usedBy) {
        if (sealedAccess == null) {
            return access(repository, null, usedBy);
        }
        KeyRing keys;
        try {
            keys = ring.get();
        } catch (RuntimeException e) {
            throw new SourceSecretException(usedBy + ": its commit carries the credentials of its source sealed, and"
                    + " this service cannot open them: " + e.getMessage() + " (give it " + KeyRing.KEYS_FILE + " or "
                    + KeyRing.KEYS + ", the key ring git-watcher has)", e);
        }
        return SealedSourceAccess.open(keys, repository, sealedAccess, secrets, usedBy);
    }

    /**
     * The access a Secret's data gives, by Flux's keys: SSH when it has an {@code identity}, else a bearer token,
     * else basic credentials.
     *
     * @throws SourceSecretException when it has none of them, or an identity without known_hosts
     */
    public static RemoteAccess access(SourceSecret secret, String usedBy) {
        Optional<String> identity = secret.text("identity");
        if (identity.isPresent()) {
            String knownHosts = secret.text("known_hosts").orElseThrow(() -> new SourceSecretException(usedBy
                    + ": Secret " + secret.ref() + " has an identity but no known_hosts: the server's key cannot be"
                    + " checked"));
            return RemoteAccess.ssh(identity.get(), knownHosts);
        }
        Optional<String> token = secret.text("bearerToken");
        if (token.isPresent()) {
            return RemoteAccess.bearer(token.get().strip());
        }
        Optional<String> username = secret.text("username");
        if (username.isPresent()) {
            return RemoteAccess.https(username.get(), secret.text("password").orElse(""));
        }
        throw new SourceSecretException(usedBy + ": Secret " + secret.ref() + " (" + secret.where() + ") has none of"
                + " username, bearerToken or identity");
    }

    /**
     * Why a fetch made with {@code credentials} ({@link RemoteAccess#credentials()}: {@code Secret
     * flux-system/fleet-auth}; null: without any) failed, in a user's words: a refusal of the credentials (HTTP
     * 401), a host key that is not the one known_hosts lists, else JGit's own message. Never a credential: none is
     * ever in a URL.
     */
    public static String reason(Throwable failure, String credentials) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(' ').append(cause.getMessage());
        }
        String all = messages.toString();
        if (all.contains("not authorized") || all.contains("Authentication is required")
                || all.contains("no CredentialsProvider")) {
            return credentials == null
                    ? "HTTP 401: the repository asks for credentials and none are configured for it"
                    : "HTTP 401: the credentials of " + credentials + " were refused";
        }
        if (all.contains("did not validate") || all.contains("Host key") || all.contains("host key")) {
            return "the server's SSH host key is not the one the known_hosts of " + credentials + " lists: refused";
        }
        if (all.contains("Auth fail") || all.contains("No more authentication methods")) {
            return "SSH: the key of " + credentials + " was refused";
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    /**
     * One fetch's access and where it came from, for messages: the Secret (null: none), or {@code described} for
     * credentials that are no Secret of this service (those a commit carries sealed). Closing it closes the access.
     */
    public record Fetching(RemoteAccess remote, SecretRef secret, String described) implements AutoCloseable {

        /** An access from the Secret {@code secret}, or none. */
        public Fetching(RemoteAccess remote, SecretRef secret) {
            this(remote, secret, null);
        }

        /** The credentials in messages, {@code Secret flux-system/fleet-auth}; null for none. */
        public String credentials() {
            return described != null ? described : secret == null ? null : "Secret " + secret;
        }

        @Override
        public void close() {
            remote.close();
        }
    }
}
