package io.flotilla.observer.dashboard;

/**
 * The grid of facts on top of a release's or a cluster's page: a short name over each value, so the page answers
 * "which version, since when, what asked" before any table.
 */
final class Facts {

    private final StringBuilder html;

    Facts(StringBuilder html) {
        this.html = html.append("<div class=\"facts\">");
    }

    /** One fact; {@code value} is HTML, escaped by the caller. */
    Facts add(String name, String value) {
        html.append("<div class=\"fact\"><b>").append(name).append("</b>").append(value).append("</div>");
        return this;
    }

    void end() {
        html.append("</div>");
    }
}
