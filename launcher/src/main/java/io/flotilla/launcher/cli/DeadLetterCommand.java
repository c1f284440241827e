package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.status.ReleaseTable;

/**
 * {@code ./flotilla dead-letters}: the records services could never process, as the observer lists them
 * ({@code GET /api/dead-letters}); {@code ./flotilla dead-letters replay <id>} puts one back on the topic it came from
 * ({@code POST /api/dead-letters/{id}/replay}).
 */
public final class DeadLetterCommand {

    private static final String[] HEADER = {"ID", "ARRIVED", "SERVICE", "TOPIC", "KEY", "REPLAYED", "REASON"};
    private static final int REASON_WIDTH = 100;

    private DeadLetterCommand() {
    }

    /**
     * @param observer the observer's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint observer, Instant now) {
        Arguments arguments = Arguments.parse("dead-letters", args, Set.of(), Set.of(), 2);
        List<String> plain = arguments.plain();
        JsonHttp api = new JsonHttp("observer", observer);
        if (plain.isEmpty()) {
            return table(api.get("api/dead-letters?limit=1000", new TypeReference<List<Letter>>() {
            }), now);
        }
        if (plain.size() != 2 || !plain.get(0).equals("replay")) {
            throw new UsageException("'dead-letters' takes nothing (to list them) or 'replay <id>'");
        }
        Letter replayed = api.post("api/dead-letters/" + plain.get(1) + "/replay", null, 200, new TypeReference<Letter>() {
        });
        return "Dead letter " + replayed.id() + " is back on " + replayed.topic()
                + (replayed.originalKey() == null ? "" : " with key " + replayed.originalKey()) + ".\n";
    }

    static String table(List<Letter> letters, Instant now) {
        if (letters.isEmpty()) {
            return "No dead letters: every record was processed.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Letter letter : letters) {
            rows.add(new String[] {letter.id(), ReleaseTable.age(letter.arrivedAt(), now), orUnknown(letter.service()),
                    orUnknown(letter.topic()), letter.originalKey() == null ? "-" : letter.originalKey(),
                    letter.replayedAt() == null ? "no" : ReleaseTable.age(letter.replayedAt(), now),
                    TextTable.oneLine(letter.reason(), REASON_WIDTH)});
        }
        StringBuilder table = new StringBuilder(TextTable.format(rows));
        long waiting = letters.stream().filter(letter -> letter.replayedAt() == null).count();
        table.append('\n').append(letters.size()).append(" dead letters, ").append(waiting)
                .append(" not replayed: ./flotilla dead-letters replay <id>\n");
        return table.toString();
    }

    private static String orUnknown(String text) {
        return text == null ? "unknown" : text;
    }

    /** One dead letter as the observer's API shows it. */
    record Letter(String id, String service, String topic, String originalKey, String reason, Instant arrivedAt,
            Instant replayedAt) {
    }
}
