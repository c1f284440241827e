package io.flotilla.gitwatcher.source;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.flotilla.git.RepositoryUrl;
import io.flotilla.gitwatcher.signature.SigningKeys;

/**
 * Everything a user says about one source (a password or token written into an HTTPS repository URL is taken out of
 * it into the credentials, so that the URL, which is the key of the source's events and shown and logged everywhere,
 * never carries it): its name, the branch or tags to follow, how often to poll it,
 * which paths matter, the secret its webhooks are signed with (null: none), whether it takes unsigned webhook
 * deliveries (only without a secret; otherwise a source without a secret takes no deliveries and is polled), the
 * credentials it is fetched with (null: none), the OpenPGP keys its commits must be signed with (null:
 * signatures are not checked), and which other branches of the repository are previewed when polled (null: none).
 *
 * @param previewBranches a glob of branch names ({@code preview/*}): each such branch is rendered against what runs
 *                        on every new head, never applied, for Git hosts that send no pull request webhooks
 */
public record SourceDefinition(String id, GitSource source, Duration pollInterval, List<String> paths,
        String webhookSecret, boolean unsignedWebhooks, SourceCredentials credentials, SigningKeys signingKeys,
        BranchGlob previewBranches) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public SourceDefinition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("source name '" + id
                    + "' must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("source " + id + ": poll interval must be positive, not " + pollInterval);
        }
        Optional<RepositoryUrl.Login> login = RepositoryUrl.loginIn(source.repository());
        if (login.isPresent()) {
            if (credentials != null) {
                throw new IllegalArgumentException("source " + id + ": its repository URL carries a password or token"
                        + " and credentials are given too; give the token as the password only, never in the URL");
            }
            credentials = new SourceCredentials(login.get().user(), login.get().password(), null, null, null);
            source = new GitSource(RepositoryUrl.withoutPassword(source.repository()), source.ref());
        }
        paths = paths == null ? List.of() : paths.stream().map(SourceDefinition::folder).filter(p -> !p.isEmpty()).toList();
        if (webhookSecret != null && webhookSecret.isEmpty()) {
            webhookSecret = null;
        }
        if (previewBranches != null && source.branch() == null) {
            throw new IllegalArgumentException("source " + id + " follows tags: previewBranches are compared with"
                    + " a branch, so only a source following a branch can preview others");
        }
        if (webhookSecret != null && unsignedWebhooks) {
            throw new IllegalArgumentException("source " + id + " has a webhook secret and also takes unsigned"
                    + " webhook deliveries; keep one: the secret, or unsigned-webhooks");
        }
    }

    /** A source previewing no branches by polling. */
    public SourceDefinition(String id, GitSource source, Duration pollInterval, List<String> paths,
            String webhookSecret, boolean unsignedWebhooks, SourceCredentials credentials, SigningKeys signingKeys) {
        this(id, source, pollInterval, paths, webhookSecret, unsignedWebhooks, credentials, signingKeys, null);
    }

    /** Never the secret nor the password: this can end up in a log. */
    @Override
    public String toString() {
        return "SourceDefinition[id=" + id + ", source=" + source + ", pollInterval=" + pollInterval + ", paths="
                + paths + (unsignedWebhooks ? ", unsignedWebhooks=true" : "") + ", credentials=" + credentials
                + (signingKeys == null ? "" : ", signingKeys=" + signingKeys.fingerprints())
                + (previewBranches == null ? "" : ", previewBranches=" + previewBranches.pattern()) + "]";
    }

    /** Whether a commit changing {@code changedPaths} matters to this source. */
    public boolean concerns(List<String> changedPaths) {
        return paths.isEmpty() || changedPaths.stream().anyMatch(this::concerns);
    }

    private boolean concerns(String changedPath) {
        return paths.stream().anyMatch(p -> changedPath.equals(p) || changedPath.startsWith(p + "/"));
    }

    private static String folder(String path) {
        return path.strip().replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
