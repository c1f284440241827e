package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.util.Map;

/**
 * A status as the dashboard draws it everywhere: a shape, the word, and a colour, so that it reads without colour
 * vision, on a grey wall screen and by a screen reader. The stylesheet draws the shape from {@code data-shape} before
 * the word, with no text for a screen reader, so the word alone is said and is the element's text.
 */
final class StatusBadge {

    /** The shape and the tone (a class of the stylesheet) of each status the pages show. */
    private record Look(String shape, String tone) {
    }

    private static final Look OTHER = new Look("•", "s-idle");
    private static final Map<String, Look> LOOKS = Map.ofEntries(
            Map.entry("Ready", new Look("✓", "s-ok")),
            Map.entry("Healthy", new Look("✓", "s-ok")),
            Map.entry("Completed", new Look("✓", "s-ok")),
            Map.entry("Degraded", new Look("✕", "s-bad")),
            Map.entry("Missing", new Look("∅", "s-bad")),
            Map.entry("Reachable", new Look("✓", "s-ok")),
            Map.entry("Failed", new Look("✕", "s-bad")),
            Map.entry("Unreachable", new Look("⊘", "s-bad")),
            Map.entry("halted", new Look("■", "s-bad")),
            Map.entry("Progressing", new Look("◐", "s-info")),
            Map.entry("held", new Look("◐", "s-warn")),
            Map.entry("Drifted", new Look("≠", "s-drift")),
            Map.entry("RolledBack", new Look("↺", "s-warn")),
            Map.entry("Suspended", new Look("‖", "s-idle")),
            Map.entry("Uninstalled", new Look("∅", "s-idle")),
            Map.entry("Unknown", new Look("?", "s-idle")));

    private StatusBadge() {
    }

    static String of(String status) {
        return of(status, status);
    }

    /** A status drawn with its own shape and colour, and {@code text} as its word ("3 Failed"). */
    static String of(String status, String text) {
        Look look = LOOKS.getOrDefault(status, OTHER);
        return "<span class=\"status " + look.tone() + "\" data-shape=\"" + look.shape() + "\">" + escape(text)
                + "</span>";
    }
}
