package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.events.EventCodec;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.http.RecordingReceiver;

/**
 * One whole stack, as {@code ./flotilla up} runs it on simulated {@code dev} and {@code prod}, for every end-to-end
 * class that only reads and writes releases of its own on those two clusters: a stack takes half a minute to start,
 * so it is started once, by the first such class (through {@link SharedStackResolver}), and stopped when the test
 * JVM ends. Each class adds its own repository as a source of the running git-watcher ({@link #watch}) and keeps its
 * files in a folder of its own ({@link #folder}), which lives as long as the stack so that no source it watches
 * disappears under it. Classes that register clusters, which every other class would then see, start a stack of
 * their own.
 */
final class SharedStack implements AutoCloseable {

    /** The webhook secret of every source a class adds ({@link #watch}): a generic delivery carries it as a token. */
    static final String SOURCE_HOOK_SECRET = "e2e-source-hook";
    /** The image-updater's registry webhook secret: a notification without it is refused. */
    static final String REGISTRY_HOOK_SECRET = "e2e-registry-hook";
    private static final String DATABASE = "flotilla_e2e";
    /** The one repository the stack reports to a Git host about (its {@link #gitHost}): {@code acme/fleet} there. */
    private static final Path HOSTED = Path.of("hosted", "fleet");

    private final Path work;
    private final StackState state;
    private final RecordingReceiver gitHost;
    private final HttpClient http = HttpClient.newHttpClient();

    private SharedStack(Path work, StackState state, RecordingReceiver gitHost) {
        this.work = work;
        this.state = state;
        this.gitHost = gitHost;
    }

    /** Starts the stack on a repository of its own that declares nothing: every class brings its own. */
    static SharedStack start() {
        Path work;
        try {
            work = Files.createTempDirectory("flotilla-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the shared stack's folder", e);
        }
        RecordingReceiver gitHost = new RecordingReceiver();
        try (GitRepo base = GitRepo.init(work.resolve("fleet"))) {
            base.write("README.md", "The shared end-to-end stack's own source; each test class adds its own.\n");
            base.commit("Nothing to deploy");
            String hosted = "flotilla.git-status.sources.e2e.";
            return new SharedStack(work, LocalStack.up(EndToEndFleet.options(work, base.dir().toString(), DATABASE)
                    .withProperties(Service.IMAGE_UPDATER, Map.of("flotilla.images.webhook-secret",
                            REGISTRY_HOOK_SECRET))
                    .withProperties(Service.OBSERVER, Map.of(hosted + "repository", work.resolve(HOSTED).toString(),
                            hosted + "kind", "github", hosted + "api-url", gitHost.url(),
                            hosted + "project", "acme/fleet", hosted + "token", "e2e-git-host-token")),
                    new PrintStream(System.out)), gitHost);
        } catch (RuntimeException e) {
            gitHost.close();
            throw e;
        }
    }

    /**
     * Where the class that plays a Git host keeps its repository: the observer reports what happens to its commits and
     * pull requests to {@link #gitHost} as GitHub's API for {@code acme/fleet}. One class at most may use it.
     */
    Path hostedRepository() {
        return work.resolve(HOSTED);
    }

    /** Plays GitHub's API for {@link #hostedRepository}: every request the observer sends it, recorded. */
    RecordingReceiver gitHost() {
        return gitHost;
    }

    StackState state() {
        return state;
    }

    /** Where every process of the stack writes its log. */
    Path logs() {
        return work.resolve("state").resolve("logs");
    }

    /** A new folder of the class {@code owner}, kept until the stack stops. */
    Path folder(Class<?> owner) {
        Path folder = work.resolve(owner.getSimpleName());
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + folder, e);
        }
    }

    /**
     * Adds {@code repository} (its branch {@code main}) as the source {@code id}, polled as the stack's own is, its
     * webhooks signed with {@link #SOURCE_HOOK_SECRET}.
     */
    void watch(String id, String repository) {
        HttpResponse<String> added;
        try {
            added = http.send(HttpRequest.newBuilder(URI.create(state.gitWatcherUrl() + "/api/sources"))
                    .header("Authorization", "Bearer " + state.apiToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.mapper().writeValueAsBytes(
                            Map.of("id", id, "repository", repository, "branch", GitRepo.BRANCH,
                                    "webhookSecret", SOURCE_HOOK_SECRET))))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the source " + id + " to " + state.gitWatcherUrl(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding the source " + id, e);
        }
        assertThat(added.statusCode()).as("adding the source %s: %s", id, added.body()).isEqualTo(201);
    }

    /** Stops the stack, checking what {@code ./flotilla down} promises: no process and no listening port left behind. */
    @Override
    public void close() {
        gitHost.close();
        try {
            LocalStack.down(work.resolve("state"), new PrintStream(System.out));
            assertThat(state.members()).allSatisfy(member -> {
                assertThat(member.alive()).as(member.name() + " still running").isFalse();
                if (member.port() > 0) {
                    assertThat(LocalPorts.canBind(member.port())).as(member.name() + "'s port " + member.port())
                            .isTrue();
                }
            });
        } finally {
            Folders.deleteRecursively(work);
        }
    }
}
