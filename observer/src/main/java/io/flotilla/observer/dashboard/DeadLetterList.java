package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import io.flotilla.observer.deadletter.DeadLetterView;

/**
 * The latest {@value #ROWS} dead letters: where each came from, why it could not be processed, and a button that puts
 * it back on its topic ({@code POST /api/dead-letters/{id}/replay}).
 */
public final class DeadLetterList {

    public static final int ROWS = 50;

    private DeadLetterList() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2>Dead letters</h2>");
        if (dashboard.deadLetters().isEmpty()) {
            html.append("<p id=\"dead-letters\">No dead letters: every record was processed.</p>");
            return;
        }
        html.append("<table id=\"dead-letters\"><tr><th>arrived</th><th>service</th><th>topic</th><th>key</th>"
                + "<th>reason</th><th></th></tr>");
        for (DeadLetterView letter : dashboard.deadLetters()) {
            html.append("<tr data-letter=\"").append(escape(letter.id())).append("\"><td>").append(letter.arrivedAt())
                    .append("</td><td>").append(letter.service() == null ? "unknown" : escape(letter.service()))
                    .append("</td><td>").append(letter.topic() == null ? "unknown" : escape(letter.topic()))
                    .append("</td><td>").append(letter.originalKey() == null ? "" : escape(letter.originalKey()))
                    .append("</td><td>").append(letter.reason() == null ? "" : escape(letter.reason()))
                    .append("</td><td>");
            if (letter.replayedAt() != null) {
                html.append("replayed ").append(letter.replayedAt());
            } else if (letter.topic() != null) {
                html.append("<button onclick=\"replay(this, '").append(escape(letter.id()))
                        .append("')\">replay</button>");
            }
            html.append("</td></tr>");
        }
        html.append("</table><p><a href=\"/api/dead-letters\">/api/dead-letters</a></p>");
    }
}
