package io.flotilla.observer.dashboard;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Text written into the dashboard's HTML, escaped so names and messages cannot break the page. */
final class Html {

    private Html() {
    }

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A moment to the second, as machines and people read it; empty for none. */
    static String time(Instant at) {
        if (at == null) {
            return "";
        }
        String second = at.truncatedTo(ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + second + "\">" + second + "</time>";
    }

    /** The first 10 characters of a commit's sha, enough to tell it among the latest. */
    static String shortSha(String sha) {
        return sha == null ? "" : escape(sha.substring(0, Math.min(10, sha.length())));
    }
}
