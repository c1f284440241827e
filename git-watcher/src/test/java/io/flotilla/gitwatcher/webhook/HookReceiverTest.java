package io.flotilla.gitwatcher.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.gitwatcher.source.BranchRef;
import io.flotilla.gitwatcher.source.GitSource;
import io.flotilla.gitwatcher.source.RefSelector;
import io.flotilla.gitwatcher.source.SourceDefinition;
import io.flotilla.gitwatcher.webhook.HookReceiver.Delivery;
import io.flotilla.gitwatcher.webhook.HookReceiver.Outcome;

class HookReceiverTest {

    static final String SECRET = "s3cret-shared-with-the-host";

    final HookReceiver receiver = new HookReceiver();

    final List<SourceDefinition> sources = List.of(
            source("github-main", "git@github.com:flotilla-demo/fleet.git", "main", SECRET),
            source("github-release", "https://github.com/flotilla-demo/fleet", "release", SECRET),
            source("gitlab", "https://gitlab.example.com/platform/fleet.git", "main", SECRET),
            source("gitea", "https://gitea.example.com/platform/fleet.git", "main", SECRET),
            source("bitbucket", "git@bitbucket.org:platform-team/fleet.git", "main", SECRET),
            unsignedSource("unsigned", "https://git.example.com/ops/fleet.git", "main"),
            source("polled-only", "https://git.example.com/ops/quiet.git", "main", null),
            tagSource("github-v1", "https://github.com/flotilla-demo/fleet.git", RefSelector.of(null, null, "^1.0", "main")),
            tagSource("github-v2", "https://github.com/flotilla-demo/fleet.git", RefSelector.of(null, null, "^2.0", "main")),
            tagSource("gitlab-releases", "https://gitlab.example.com/platform/fleet.git",
                    RefSelector.of(null, "v*", null, "main")));

    @Test
    void signedGitHubPushTriggersTheSourceOfItsBranchOnly() {
        byte[] body = Deliveries.sample("github-push");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(delivery.sources()).containsExactly("github-main");
    }

    @Test
    void gitHubPushWithAForgedSignatureIsRefused() {
        byte[] body = Deliveries.sample("github-push");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("guessed", body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
        assertThat(delivery.sources()).isEmpty();
    }

    @Test
    void gitHubPushSignedForAnotherBodyIsRefused() {
        byte[] body = Deliveries.sample("github-push");
        byte[] tampered = Deliveries.sample("github-push", "refs/heads/main", "refs/heads/release");

        Delivery delivery = receive("github", tampered, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void gitHubPushWithoutSignatureIsRefused() {
        Delivery delivery = receive("github", Deliveries.sample("github-push"), Map.of("X-GitHub-Event", "push"));

        assertThat(delivery.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void gitHubOnlySha1SignatureIsRefused() {
        byte[] body = Deliveries.sample("github-push");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature", "sha1=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void signedGitHubPingIsAnsweredAndTriggersNothing() {
        byte[] body = Deliveries.sample("github-ping");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "ping",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.PING);
        assertThat(delivery.sources()).isEmpty();
    }

    @Test
    void gitHubPingSignedWithASourcesSecretForARepositoryNobodyWatchesIsAnswered() {
        byte[] body = Deliveries.sample("github-ping", "flotilla-demo/fleet", "someone-else/website");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "ping",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.PING);
        assertThat(delivery.sources()).isEmpty();
        assertThat(delivery.reason()).contains("someone-else/website");
    }

    @Test
    void aDeliveryNoSecretVerifiesIsRefusedAlikeWhetherItsRepositoryIsWatchedOrNot() {
        byte[] watched = Deliveries.sample("github-push");
        byte[] unwatched = Deliveries.sample("github-push", "flotilla-demo/fleet", "someone-else/website");

        Delivery forWatched = receive("github", watched, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("their-secret", watched)));
        Delivery forUnwatched = receive("github", unwatched, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("their-secret", unwatched)));

        assertThat(forUnwatched).isEqualTo(forWatched);
        assertThat(forWatched.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
        assertThat(forWatched.reason()).isEqualTo("missing or wrong signature").doesNotContain("fleet");
    }

    @Test
    void aDeliveryThatPassesCarriesTheHostsIdAndOneThatIsRefusedDoesNot() {
        byte[] body = Deliveries.sample("github-push");
        String id = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

        Delivery signed = receive("github", body, Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", id,
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));
        Delivery forged = receive("github", body, Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", id,
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256("guessed", body)));

        assertThat(signed.id()).isEqualTo(id);
        assertThat(signed.replayed().outcome()).isEqualTo(Outcome.REPLAYED);
        assertThat(signed.replayed().sources()).isEmpty();
        assertThat(forged.id()).isNull();
    }

    @Test
    void gitHubsDocumentedExampleSignatureIsAccepted() {
        // The example of GitHub's "Validating webhook deliveries", so that signing and checking are not only tested
        // against each other.
        HookRequest request = new HookRequest(Map.of("X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
                "Hello, World!".getBytes(StandardCharsets.UTF_8));

        assertThat(GitHosts.GITHUB.signature().verified(request, "It's a Secret to Everybody")).isTrue();
        assertThat(GitHosts.GITHUB.signature().verified(request, "It's a Secret to Nobody")).isFalse();
    }

    @Test
    void deletedBranchIsAcknowledgedAndTriggersNothing() {
        byte[] github = Deliveries.edited(Deliveries.sample("github-push"), body -> body
                .put("after", "0".repeat(40)).put("deleted", true).putNull("head_commit"));
        byte[] gitlab = Deliveries.edited(Deliveries.sample("gitlab-push"), body -> body
                .put("after", "0".repeat(40)).putNull("checkout_sha"));
        byte[] bitbucket = Deliveries.edited(Deliveries.sample("bitbucket-push"), body -> {
            ObjectNode change = (ObjectNode) body.at("/push/changes/0");
            change.putNull("new");
            change.put("closed", true);
        });

        List<Delivery> deliveries = List.of(
                receive("github", github, Map.of("X-GitHub-Event", "push",
                        "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, github))),
                receive("gitlab", gitlab, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET)),
                receive("bitbucket", bitbucket, Map.of("X-Event-Key", "repo:push",
                        "X-Hub-Signature", "sha256=" + Deliveries.hmacSha256(SECRET, bitbucket))));

        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
            assertThat(delivery.sources()).isEmpty();
            assertThat(delivery.reason()).contains("deleted [refs/heads/main]");
        });
    }

    @Test
    void signedGitHubEventOtherThanPushTriggersNothing() {
        byte[] body = Deliveries.sample("github-push");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "create",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(delivery.sources()).isEmpty();
    }

    @Test
    void pushForABranchNobodyWatchesIsIgnored() {
        byte[] body = Deliveries.sample("github-push", "refs/heads/main", "refs/heads/feature/faster");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(delivery.sources()).isEmpty();
    }

    @Test
    void signedGitHubTagPushTriggersOnlyTheTagSourceWhoseRangeHoldsTheTag() {
        byte[] body = Deliveries.sample("github-tag-push");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(delivery.sources()).containsExactly("github-v1");
    }

    @Test
    void pushOfATagNoSourceFollowsIsIgnored() {
        byte[] body = Deliveries.sample("github-tag-push", "refs/tags/v1.1.0", "refs/tags/nightly");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(delivery.reason()).contains("refs/tags/nightly");
    }

    @Test
    void signedPushForARepositoryNobodyWatchesIsIgnored() {
        byte[] body = Deliveries.sample("github-push", "flotilla-demo/fleet", "someone-else/website");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(delivery.sources()).isEmpty();
    }

    @Test
    void malformedJsonIsReportedAsSuch() {
        byte[] body = "{\"ref\": \"refs/heads/main\", \"repository\": ".getBytes(StandardCharsets.UTF_8);

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(delivery.reason()).contains("github");
    }

    @Test
    void jsonThatIsNoObjectIsMalformed() {
        byte[] body = "[1, 2]".getBytes(StandardCharsets.UTF_8);

        assertThat(receive("gitea", body, Map.of("X-Gitea-Event", "push")).outcome()).isEqualTo(Outcome.MALFORMED);
    }

    @Test
    void gitLabPushWithTheTokenTriggersAndWithAnotherIsRefused() {
        byte[] body = Deliveries.sample("gitlab-push");

        Delivery good = receive("gitlab", body, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET));
        Delivery forged = receive("gitlab", body, Map.of("X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "guess"));
        Delivery missing = receive("gitlab", body, Map.of("X-Gitlab-Event", "Push Hook"));

        assertThat(good.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(good.sources()).containsExactly("gitlab");
        assertThat(forged.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
        assertThat(missing.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void gitLabTagPushHookTriggersTheSourceFollowingMatchingTagsNotTheBranch() {
        Delivery delivery = receive("gitlab", Deliveries.sample("gitlab-push", "refs/heads/main", "refs/tags/v3.2.1"),
                Map.of("X-Gitlab-Event", "Tag Push Hook", "X-Gitlab-Token", SECRET));

        assertThat(delivery.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(delivery.sources()).containsExactly("gitlab-releases");
    }

    @Test
    void giteaPushSignedInHexTriggersAndForgedIsRefused() {
        byte[] body = Deliveries.sample("gitea-push");

        Delivery good = receive("gitea", body, Map.of("X-Gitea-Event", "push",
                "X-Gitea-Signature", Deliveries.hmacSha256(SECRET, body)));
        Delivery forged = receive("gitea", body, Map.of("X-Gitea-Event", "push",
                "X-Gitea-Signature", Deliveries.hmacSha256("guess", body)));

        assertThat(good.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(good.sources()).containsExactly("gitea");
        assertThat(forged.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void bitbucketRepoPushSignedTriggersItsBranchAndForgedIsRefused() {
        byte[] body = Deliveries.sample("bitbucket-push");

        Delivery good = receive("bitbucket", body, Map.of("X-Event-Key", "repo:push",
                "X-Hub-Signature", "sha256=" + Deliveries.hmacSha256(SECRET, body)));
        Delivery forged = receive("bitbucket", body, Map.of("X-Event-Key", "repo:push",
                "X-Hub-Signature", "sha256=" + Deliveries.hmacSha256("guess", body)));

        assertThat(good.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(good.sources()).containsExactly("bitbucket");
        assertThat(forged.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void genericHookWithTheTokenNamingARepositoryTriggersIt() {
        byte[] body = "{\"repository\": \"https://gitlab.example.com/platform/fleet\", \"branch\": \"main\"}"
                .getBytes(StandardCharsets.UTF_8);

        Delivery bearer = receive("generic", body, Map.of("Authorization", "Bearer " + SECRET));
        Delivery header = receive("generic", body, Map.of("X-Flotilla-Token", SECRET));
        Delivery forged = receive("generic", body, Map.of("X-Flotilla-Token", "guess"));

        assertThat(bearer.sources()).containsExactly("gitlab");
        assertThat(header.sources()).containsExactly("gitlab");
        assertThat(forged.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void genericHookWithoutBodyTriggersEverySourceItsTokenOpens() {
        Delivery withoutToken = receive("generic", new byte[0], Map.of());
        Delivery withToken = receive("generic", new byte[0], Map.of("X-Flotilla-Token", SECRET));

        assertThat(withoutToken.sources()).containsExactly("unsigned");
        assertThat(withToken.sources()).containsExactlyInAnyOrder("github-main", "github-release", "gitlab", "gitea",
                "bitbucket", "unsigned", "github-v1", "github-v2", "gitlab-releases");
    }

    @Test
    void sourceThatTakesUnsignedDeliveriesTakesUnsignedPushes() {
        byte[] body = Deliveries.sample("gitea-push", "gitea.example.com/platform/fleet", "git.example.com/ops/fleet");

        Delivery delivery = receive("gitea", body, Map.of("X-Gitea-Event", "push"));

        assertThat(delivery.outcome()).isEqualTo(Outcome.TRIGGERED);
        assertThat(delivery.sources()).containsExactly("unsigned");
    }

    @Test
    void sourceWithoutSecretThatDoesNotTakeUnsignedDeliveriesTakesNone() {
        byte[] body = Deliveries.sample("gitea-push", "gitea.example.com/platform/fleet", "git.example.com/ops/quiet");

        Delivery unsigned = receive("gitea", body, Map.of("X-Gitea-Event", "push"));
        Delivery signed = receive("gitea", body, Map.of("X-Gitea-Event", "push",
                "X-Gitea-Signature", Deliveries.hmacSha256(SECRET, body)));

        assertThat(unsigned.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
        assertThat(signed.sources()).as("signed with the secret of other sources").doesNotContain("polled-only");
    }

    @Test
    void signedGitHubPullRequestAsksForThePreviewOfTheSourceFollowingItsBase() {
        byte[] body = Deliveries.sample("github-pull-request");
        byte[] release = Deliveries.edited(body, json -> ((ObjectNode) json.at("/pull_request/base")).put("ref",
                "release"));

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "pull_request",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));
        Delivery intoRelease = receive("github", release, Map.of("X-GitHub-Event", "pull_request",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, release)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.PREVIEW);
        assertThat(delivery.sources()).isEmpty();
        assertThat(delivery.preview().source()).isEqualTo("github-main");
        PullRequest pull = delivery.preview().pullRequest();
        assertThat(pull.number()).isEqualTo(7);
        assertThat(pull.state()).isEqualTo(PullRequest.State.OPEN);
        assertThat(pull.headSha()).isEqualTo("59b20b8d5c6ff8d09518454d4dd8b7a30f095ab5");
        assertThat(pull.headBranch()).isEqualTo("bump-podinfo");
        assertThat(pull.headRef()).isEqualTo("refs/pull/7/head");
        assertThat(pull.author()).isEqualTo("ada");
        assertThat(intoRelease.preview().source()).isEqualTo("github-release");
    }

    @Test
    void aPullRequestLabelledOrAssignedPreviewsNothing() {
        byte[] body = Deliveries.sample("github-pull-request", "\"opened\"", "\"labeled\"");

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "pull_request",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(delivery.reason()).isEqualTo("pull request #7 labeled: nothing to preview");
    }

    @Test
    void aPullRequestWithoutItsHeadIsMalformed() {
        byte[] body = Deliveries.edited(Deliveries.sample("github-pull-request"),
                json -> ((ObjectNode) json.at("/pull_request/head")).remove("sha"));

        Delivery delivery = receive("github", body, Map.of("X-GitHub-Event", "pull_request",
                "X-Hub-Signature-256", "sha256=" + Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(delivery.reason()).endsWith("pull_request.head.sha is missing");
    }

    @Test
    void gitLabMergeRequestHookPreviewsItsHeadAndAMergeClosesIt() {
        byte[] opened = Deliveries.sample("gitlab-merge-request");
        byte[] merged = Deliveries.sample("gitlab-merge-request", "\"action\": \"open\"", "\"action\": \"merge\"");

        Delivery open = receive("gitlab", opened, Map.of("X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token",
                SECRET));
        Delivery merge = receive("gitlab", merged, Map.of("X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token",
                SECRET));
        Delivery forged = receive("gitlab", opened, Map.of("X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token",
                "guess"));

        assertThat(open.outcome()).isEqualTo(Outcome.PREVIEW);
        assertThat(open.preview().source()).isEqualTo("gitlab");
        assertThat(open.preview().pullRequest().headRef()).isEqualTo("refs/merge-requests/4/head");
        assertThat(open.preview().pullRequest().state()).isEqualTo(PullRequest.State.OPEN);
        assertThat(merge.preview().pullRequest().state()).isEqualTo(PullRequest.State.CLOSED);
        assertThat(forged.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    }

    @Test
    void giteaPullRequestSynchronizedPreviewsItsNewHead() {
        byte[] body = Deliveries.sample("gitea-pull-request");

        Delivery delivery = receive("gitea", body, Map.of("X-Gitea-Event", "pull_request",
                "X-Gitea-Signature", Deliveries.hmacSha256(SECRET, body)));

        assertThat(delivery.outcome()).isEqualTo(Outcome.PREVIEW);
        assertThat(delivery.preview().source()).isEqualTo("gitea");
        assertThat(delivery.preview().pullRequest().headRef()).isEqualTo("refs/pull/3/head");
    }

    @Test
    void bitbucketPullRequestIsPreviewedFromItsHeadBranchAndClosedWhenDeclined() {
        byte[] body = Deliveries.sample("bitbucket-pullrequest");
        String signature = "sha256=" + Deliveries.hmacSha256(SECRET, body);

        Delivery created = receive("bitbucket", body, Map.of("X-Event-Key", "pullrequest:created",
                "X-Hub-Signature", signature));
        Delivery declined = receive("bitbucket", body, Map.of("X-Event-Key", "pullrequest:rejected",
                "X-Hub-Signature", signature));

        assertThat(created.outcome()).isEqualTo(Outcome.PREVIEW);
        assertThat(created.preview().source()).isEqualTo("bitbucket");
        assertThat(created.preview().pullRequest().headRef()).isEqualTo("refs/heads/bump-podinfo");
        assertThat(created.preview().pullRequest().headSha()).isEqualTo("59b20b8d5c6f");
        assertThat(declined.preview().pullRequest().state()).isEqualTo(PullRequest.State.CLOSED);
    }

    private Delivery receive(String host, byte[] body, Map<String, String> headers) {
        return receiver.receive(host, new HookRequest(headers, body), sources);
    }

    private static SourceDefinition tagSource(String id, String repository, RefSelector tags) {
        return new SourceDefinition(id, new GitSource(repository, tags), Duration.ofMinutes(1), List.of(), SECRET,
                false, null, null);
    }

    private static SourceDefinition source(String id, String repository, String branch, String secret) {
        return new SourceDefinition(id, new GitSource(repository, new BranchRef(branch)), Duration.ofMinutes(1),
                List.of(), secret, false, null, null);
    }

    private static SourceDefinition unsignedSource(String id, String repository, String branch) {
        return new SourceDefinition(id, new GitSource(repository, new BranchRef(branch)), Duration.ofMinutes(1),
                List.of(), null, true, null, null);
    }
}
