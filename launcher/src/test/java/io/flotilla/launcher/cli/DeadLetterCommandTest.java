package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * The command line's side of {@code ./flotilla dead-letters}: a JDK HTTP server answers as the observer's API does
 * ({@code GET /api/dead-letters}, {@code POST /api/dead-letters/{id}/replay}); the observer's own tests run the real
 * one on a real broker.
 */
class DeadLetterCommandTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    HttpServer observer;

    @BeforeEach
    void start() throws IOException {
        observer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        observer.createContext("/api/dead-letters", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/dead-letters")) {
                answer(exchange, 200, """
                        [{"id":"0-7","service":null,"topic":"flotilla.rendered","originalKey":"dev/apps/web",
                          "reason":"record is not JSON:\\n Unexpected character","arrivedAt":"2026-11-24T11:55:00Z",
                          "replayedAt":null},
                         {"id":"0-6","service":"applier","topic":"flotilla.rendered","originalKey":"dev/apps/api",
                          "reason":"malformed","arrivedAt":"2026-11-24T10:00:00Z","replayedAt":"2026-11-24T11:00:00Z"}]
                        """);
            } else if (path.equals("/api/dead-letters/0-7/replay") && exchange.getRequestMethod().equals("POST")) {
                answer(exchange, 200, """
                        {"id":"0-7","topic":"flotilla.rendered","originalKey":"dev/apps/web",
                         "arrivedAt":"2026-11-24T11:55:00Z","replayedAt":"2026-11-24T12:00:00Z"}
                        """);
            } else {
                answer(exchange, 409, "dead letter 0-6 was replayed at 2026-11-24T11:00:00Z");
            }
        });
        observer.start();
    }

    @AfterEach
    void stop() {
        observer.stop(0);
    }

    Endpoint url() {
        return Endpoint.at("http://127.0.0.1:" + observer.getAddress().getPort());
    }

    @Test
    void listsEachLetterWithWhereItCameFromAndWhy() {
        String table = DeadLetterCommand.run(List.of(), url(), NOW);

        assertThat(table.lines()).first().asString().startsWith("ID").contains("SERVICE", "TOPIC", "REASON");
        assertThat(table).contains("0-7  5m ago   unknown  flotilla.rendered  dev/apps/web  no        "
                + "record is not JSON: Unexpected character");
        assertThat(table).contains("0-6  2h ago   applier  flotilla.rendered  dev/apps/api  1h ago    malformed");
        assertThat(table).endsWith("2 dead letters, 1 not replayed: ./flotilla dead-letters replay <id>\n");
    }

    @Test
    void replaysOneAndSaysWhereItWent() {
        assertThat(DeadLetterCommand.run(List.of("replay", "0-7"), url(), NOW))
                .isEqualTo("Dead letter 0-7 is back on flotilla.rendered with key dev/apps/web.\n");
    }

    @Test
    void aLetterReplayedAlreadyIsSaidSo() {
        assertThatThrownBy(() -> DeadLetterCommand.run(List.of("replay", "0-6"), url(), NOW))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("the observer answered 409: dead letter 0-6 was replayed at");
    }

    @Test
    void noLettersIsSaidSoAndMistakesAreNamed() {
        assertThat(DeadLetterCommand.table(List.of(), NOW)).isEqualTo("No dead letters: every record was processed.\n");
        assertThatThrownBy(() -> DeadLetterCommand.run(List.of("resend", "0-7"), url(), NOW))
                .isInstanceOf(UsageException.class).hasMessage("'dead-letters' takes nothing (to list them) or 'replay <id>'");
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
