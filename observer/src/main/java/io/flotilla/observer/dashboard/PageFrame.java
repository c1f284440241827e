package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

/**
 * What every dashboard page shares: the document's head with the one stylesheet, the bar on top with the way back to
 * the overview and the button that logs out ({@code POST /logout}: the token's cookie forgotten, or the OpenID Connect
 * session ended at the provider too), a link that skips to the content for keyboard users, and the script that
 * follows the event stream.
 * The pages write only what is theirs between {@link #open} and {@link #close}.
 */
final class PageFrame {

    private PageFrame() {
    }

    static StringBuilder open(String title) {
        StringBuilder html = new StringBuilder(256 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(title)).append(" · Flotilla</title><link rel=\"stylesheet\" href=\"/dashboard.css\">"
                        + "</head><body><a class=\"skip\" href=\"#content\">Skip to content</a>"
                        + "<header class=\"top\"><a class=\"brand\" href=\"/\">Flotilla</a>"
                        + "<nav aria-label=\"Sections\"><a href=\"/#clusters-heading\">Clusters</a>"
                        + "<a href=\"/#releases-heading\">Releases</a><a href=\"/#drift-heading\">Drift</a>"
                        + "<a href=\"/#trends-heading\">Over time</a><a href=\"/#commits-heading\">Commits</a>"
                        + "<a href=\"/previews\">Previews</a></nav><form class=\"logout\" method=\"post\""
                        + " action=\"/logout\"><button type=\"submit\">Log out</button></form></header>"
                        + "<main id=\"content\">");
        return html;
    }

    static String close(StringBuilder html) {
        return html.append("</main><script src=\"/dashboard.js\"></script></body></html>\n").toString();
    }
}
