package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.RefUpdate;

import io.flotilla.events.EventCodec;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.testing.git.GitHubPushes;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.http.RecordingReceiver;

/**
 * {@code ./flotilla bench --preview}: a pull request of the fleet repository previewed on a whole stack. Starts the
 * stack on N releases on every one of M simulated clusters (cold sync awaited), then pushes a pull request changing K
 * of them, several times, each push announced by GitHub's signed {@code pull_request} webhook; times each from the
 * webhook to the pull request's comment posted (or edited) for that push's commit at a local server playing GitHub's
 * API. Prints a {@code BENCH preview} line.
 */
public final class PreviewBenchmark {

    private static final Duration COLD_SYNC_LIMIT = Duration.ofMinutes(60);
    private static final Duration PREVIEW_LIMIT = Duration.ofMinutes(10);
    private static final int NUMBER = 1;
    private static final String BRANCH = "bench-preview";
    private static final String PROJECT = "bench/fleet";

    private PreviewBenchmark() {
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        int releases = arguments.intValue("releases", 1000);
        int clusterCount = arguments.intValue("clusters", 10);
        int changed = arguments.intValue("changed", 10);
        int pushes = arguments.intValue("pushes", 5);
        if (releases < 1 || clusterCount < 1 || changed < 1 || changed > releases || pushes < 1) {
            throw new UsageException("--releases, --clusters and --pushes take numbers from 1; --changed from 1 to"
                    + " --releases");
        }
        Path stateDir = home.resolve(".flotilla").resolve("bench-preview");
        LocalStack.down(stateDir, out);
        FleetFixture fleet = FleetFixture.freshIn(home, stateDir);
        try (RecordingReceiver gitHub = new RecordingReceiver()) {
            String source = "flotilla.git-status.sources.bench.";
            StackOptions options = fleet.stack(home, stateDir, FleetFixture.clusters("bench-%d", clusterCount),
                    "flotilla_bench_preview").withProperties(Service.OBSERVER, Map.of(
                            source + "repository", fleet.dir().toString(), source + "kind", "github",
                            source + "api-url", gitHub.url(), source + "project", PROJECT,
                            source + "token", "bench-token"));
            StackState state = LocalStack.up(options, out);
            try {
                ObserverClient observer = new ObserverClient(new Endpoint(state.observerUrl(), state.apiToken()));
                ServiceHttp gitWatcher = new ServiceHttp(new Endpoint(state.gitWatcherUrl(), state.apiToken()));
                coldSync(fleet, releases, clusterCount, observer, gitWatcher, state, out);
                List<Long> latencies = new ArrayList<>();
                for (int push = 1; push <= pushes; push++) {
                    String head = pullRequestCommit(fleet, releases, changed, push);
                    byte[] delivery = pullRequest(push == 1 ? "opened" : "synchronize", head, fleet.dir().toString());
                    Map<String, String> headers = Map.of("Content-Type", "application/json",
                            "X-GitHub-Event", "pull_request", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                            "X-Hub-Signature-256", "sha256=" + GitHubPushes.hmacSha256(secret(state), delivery));
                    long start = System.nanoTime();
                    gitWatcher.post("/hooks/github", delivery, headers, 202);
                    Waiting.until(() -> commentOf(gitHub, head), posted -> posted, PREVIEW_LIMIT,
                            Duration.ofMillis(50), "the preview comment of " + head);
                    latencies.add((System.nanoTime() - start) / 1_000_000);
                }
                out.printf("preview pushes: %d, webhook to comment %s ms%n", pushes, latencies);
                Collections.sort(latencies);
                out.printf("BENCH preview releases=%d clusters=%d changed=%d pushes=%d push_to_comment_p50_ms=%d"
                        + " max_ms=%d%n", releases, clusterCount, changed, pushes, Benchmark.percentile(latencies, 50),
                        latencies.get(latencies.size() - 1));
                return 0;
            } finally {
                LocalStack.down(stateDir, out);
            }
        }
    }

    private static void coldSync(FleetFixture fleet, int releases, int clusters, ObserverClient observer,
            ServiceHttp gitWatcher, StackState state, PrintStream out) {
        for (int i = 0; i < releases; i++) {
            fleet.writeRelease(i, "revision 0");
        }
        String sha = fleet.commit(releases + " releases");
        long start = System.nanoTime();
        gitWatcher.post("/hooks/generic", new byte[0], state.webhookHeaders(), 202);
        int expected = releases * clusters;
        Waiting.until(observer::releases, rows -> rows.stream().filter(row -> sha.equals(row.sourceSha())
                && "Ready".equals(row.status())).count() >= expected, COLD_SYNC_LIMIT, Duration.ofSeconds(1),
                "all " + expected + " releases Ready at " + sha);
        out.printf("cold sync: %d releases x %d clusters Ready in %.1f s%n", releases, clusters,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The pull request's next commit, changing {@code changed} releases on a branch of its own, kept under
     * {@code refs/pull/<n>/head} as GitHub keeps it; the watched branch never moves.
     */
    private static String pullRequestCommit(FleetFixture fleet, int releases, int changed, int push) {
        try (Git git = Git.open(fleet.dir().toFile())) {
            boolean exists = git.getRepository().findRef("refs/heads/" + BRANCH) != null;
            git.checkout().setName(BRANCH).setCreateBranch(!exists).call();
            for (int k = 0; k < changed; k++) {
                fleet.writeRelease((k * 7919) % releases, "preview push " + push);
            }
            String head = fleet.commit("Preview push " + push);
            git.checkout().setName(GitRepo.BRANCH).call();
            RefUpdate update = git.getRepository().updateRef("refs/pull/" + NUMBER + "/head");
            update.setNewObjectId(git.getRepository().resolve(head));
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
                throw new StackException("cannot point refs/pull/" + NUMBER + "/head at " + head + ": " + result);
            }
            return head;
        } catch (IOException | GitAPIException e) {
            throw new StackException("cannot commit the pull request: " + e.getMessage(), e);
        }
    }

    /** Whether the comment on the pull request names {@code head}: posted or edited for that push. */
    private static boolean commentOf(RecordingReceiver gitHub, String head) {
        String shortSha = head.substring(0, 10);
        return gitHub.to("/repos/" + PROJECT + "/issues/").stream().filter(request -> request.status() < 300)
                .anyMatch(request -> request.body().contains(shortSha));
    }

    private static byte[] pullRequest(String action, String head, String repository) {
        try {
            return EventCodec.mapper().writeValueAsBytes(Map.of("action", action, "number", NUMBER,
                    "pull_request", Map.of("number", NUMBER, "title", "Preview benchmark", "user",
                            Map.of("login", "bench"), "head", Map.of("ref", BRANCH, "sha", head),
                            "base", Map.of("ref", GitRepo.BRANCH)),
                    "repository", Map.of("clone_url", repository)));
        } catch (IOException e) {
            throw new StackException("cannot write the pull request delivery: " + e.getMessage(), e);
        }
    }

    /** The stack's webhook secret, which its watched repository's deliveries are signed with. */
    private static String secret(StackState state) {
        if (state.webhookSecret() == null) {
            throw new StackException("the stack has no webhook secret to sign the pull request's deliveries with");
        }
        try {
            return Files.readString(state.webhookSecret()).strip();
        } catch (IOException e) {
            throw new StackException("cannot read the stack's webhook secret: " + e.getMessage(), e);
        }
    }
}
