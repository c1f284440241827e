package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * The command line's side of {@code ./flotilla reconcile}: what it asks and what it prints. The applier's endpoint is
 * answered by a JDK HTTP server as the applier documents it ({@code POST /api/reconcile}, 202 {@code {"queued": n}}),
 * so this test pins the request and the printing, not the applier.
 */
class ReconcileCommandTest {

    HttpServer applier;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    int status = 202;
    String answer = "{\"queued\":3}";

    @BeforeEach
    void start() throws IOException {
        applier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        applier.createContext("/api/reconcile", exchange -> {
            bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        applier.start();
    }

    @AfterEach
    void stop() {
        applier.stop(0);
    }

    Endpoint url() {
        return Endpoint.at("http://127.0.0.1:" + applier.getAddress().getPort());
    }

    @Test
    void oneReleaseAClusterOrTheFleetIsAskedForAndWhatWasQueuedIsPrinted() {
        answer = "{\"queued\":1}";
        assertThat(ReconcileCommand.queue(ReconcileCommand.request(List.of("dev/apps/web")), url()))
                .isEqualTo("Queued 1 release to reconcile (release dev/apps/web).\n");
        answer = "{\"queued\":3}";
        assertThat(ReconcileCommand.queue(ReconcileCommand.request(List.of("--cluster", "prod")), url()))
                .isEqualTo("Queued 3 releases to reconcile (every release on cluster prod).\n");
        assertThat(ReconcileCommand.queue(ReconcileCommand.request(List.of("--all")), url()))
                .isEqualTo("Queued 3 releases to reconcile (the whole fleet).\n");

        assertThat(bodies).containsExactly("POST application/json {\"release\":\"dev/apps/web\"}",
                "POST application/json {\"cluster\":\"prod\"}", "POST application/json {\"all\":true}");
    }

    @Test
    void whatTheApplierRefusesIsPrintedAsItSaidIt() {
        status = 404;
        answer = "no release dev/apps/nope is known";

        assertThatThrownBy(() -> ReconcileCommand.queue(ReconcileCommand.request(List.of("dev/apps/nope")), url()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("the applier answered 404: no release dev/apps/nope is known");
    }

    @Test
    void anApplierThatIsNotRunningIsSaidSo() throws IOException {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }

        assertThatThrownBy(() -> ReconcileCommand.queue(ReconcileCommand.request(List.of("--all")),
                Endpoint.at("http://127.0.0.1:" + nothingListens)))
                .isInstanceOf(StackException.class)
                .hasMessage("the applier does not answer at http://127.0.0.1:" + nothingListens
                        + "/api/reconcile: is Flotilla running? ('./flotilla up')");
    }

    @Test
    void mistakesAreNamedBeforeAnythingIsAsked() {
        assertThatThrownBy(() -> ReconcileCommand.request(List.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes one of");
        assertThatThrownBy(() -> ReconcileCommand.request(List.of("--all", "--cluster", "dev")))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes one of");
        assertThatThrownBy(() -> ReconcileCommand.request(List.of("dev/web")))
                .isInstanceOf(UsageException.class)
                .hasMessage("'dev/web' is not a release: write <cluster>/<namespace>/<name>, such as dev/apps/web");
        assertThatThrownBy(() -> ReconcileCommand.request(List.of("dev/apps/web", "prod/apps/web")))
                .isInstanceOf(UsageException.class).hasMessage("'reconcile' takes no argument 'prod/apps/web'");
        assertThatThrownBy(() -> ReconcileCommand.request(List.of("--all", "--timeout", "5m")))
                .isInstanceOf(UsageException.class).hasMessage("--timeout goes with --wait");
        assertThatThrownBy(() -> ReconcileCommand.request(List.of("--all", "--wait", "--timeout", "soon")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--timeout takes a duration such as 90s, 5m or 1h, not 'soon'");
        assertThat(bodies).isEmpty();
    }

    @Test
    void waitingFollowsTheClustersReleasesUntilEachWasReconciledAndNamesTheOneThatFailed() throws IOException {
        answer = "{\"queued\":2}";
        String before = """
                [{"cluster":"prod","namespace":"apps","name":"web","revision":2,"status":"Ready",
                  "reconciledAt":"2026-12-06T10:00:00Z"},
                 {"cluster":"prod","namespace":"apps","name":"db","revision":1,"status":"Ready",
                  "reconciledAt":"2026-12-06T10:00:00Z"},
                 {"cluster":"dev","namespace":"apps","name":"web","revision":2,"status":"Ready",
                  "reconciledAt":"2026-12-06T10:00:00Z"}]""";
        String after = """
                [{"cluster":"prod","namespace":"apps","name":"web","revision":2,"status":"Failed",
                  "message":"Deployment apps/web: 0 of 2 replicas ready","reconciledAt":"2026-12-06T10:05:00Z"},
                 {"cluster":"prod","namespace":"apps","name":"db","revision":1,"status":"Ready",
                  "reconciledAt":"2026-12-06T10:05:01Z"},
                 {"cluster":"dev","namespace":"apps","name":"web","revision":2,"status":"Ready",
                  "reconciledAt":"2026-12-06T10:00:00Z"}]""";
        HttpServer observer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        observer.createContext("/api/releases", exchange -> {
            byte[] body = (bodies.isEmpty() ? before : after).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        observer.start();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            int exit = ReconcileCommand.run(List.of("--cluster", "prod", "--wait", "--timeout", "30s"), url(),
                    Endpoint.at("http://127.0.0.1:" + observer.getAddress().getPort()), new PrintStream(printed, true,
                            StandardCharsets.UTF_8));

            assertThat(exit).as("a release ended Failed").isEqualTo(1);
        } finally {
            observer.stop(0);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Queued 2 releases to reconcile (every release on cluster prod).
                reconciled 2 of 2, 1 Failed
                prod/apps/web: Failed (revision 2): Deployment apps/web: 0 of 2 replicas ready
                """);
    }
}
