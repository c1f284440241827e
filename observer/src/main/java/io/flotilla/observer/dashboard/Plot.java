package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A small plot drawn in the page as inline SVG, no script: lines over shared x positions, or bars. Its accessible name
 * is its title, and its description says what the values are (how many, lowest, highest, latest), so a screen reader
 * says what a sighted person sees; the values themselves follow in a table (folded, in a {@code details}) unless the
 * plot is a small one in a card. Lines after the first are dashed, so they tell apart without colour.
 *
 * @param id       the figure's element id, unique in the page
 * @param name     what it shows ("Releases Ready on dev"), its accessible name
 * @param unit     the values' unit, said after each ("ms"); empty for counts
 * @param xHeading the heading of the x column of the table ("hour", "commit")
 * @param xs       where each value goes along the x axis, ascending (seconds of a time, or an index)
 * @param labels   each x as a person reads it, for the table: HTML, escaped by the caller
 * @param series   the values, each as many as {@code xs}; a null value is a gap
 */
record Plot(String id, String name, String unit, String xHeading, List<Long> xs, List<String> labels,
        List<Series> series) {

    static final int WIDTH = 320;
    static final int HEIGHT = 90;
    /** Room around the drawing, so a line at the top or the bottom and the points on it show whole. */
    private static final int PAD = 4;
    /** Above this many points, a line is drawn without a dot on each. */
    private static final int DOTS = 48;

    /** One line, or the bars, with its name as the legend and the table say it. */
    record Series(String name, List<Long> values) {
    }

    void writeLines(StringBuilder html, boolean withTable) {
        long max = max();
        open(html, max);
        for (int s = 0; s < series.size(); s++) {
            List<Long> values = series.get(s).values();
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            int count = 0;
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    continue;
                }
                String point = x(i) + "," + y(values.get(i), max);
                points.append(count++ == 0 ? "" : " ").append(point);
                if (xs.size() <= DOTS) {
                    dots.append("<circle cx=\"").append(x(i)).append("\" cy=\"").append(y(values.get(i), max))
                            .append("\" r=\"2.5\"/>");
                }
            }
            html.append("<g class=\"line-").append(s).append("\"><polyline fill=\"none\" data-points=\"").append(count)
                    .append("\" points=\"").append(points).append("\"/>").append(dots).append("</g>");
        }
        close(html, withTable);
    }

    /** The first series as bars, one per x. */
    void writeBars(StringBuilder html) {
        long max = max();
        open(html, max);
        List<Long> values = series.get(0).values();
        double width = Math.max(1, (WIDTH - 2.0 * PAD) / Math.max(1, values.size()) - 2);
        html.append("<g class=\"bars\" data-bars=\"").append(values.size()).append("\">");
        for (int i = 0; i < values.size(); i++) {
            long value = values.get(i) == null ? 0 : values.get(i);
            long top = y(value, max);
            html.append("<rect x=\"").append(Math.round(PAD + i * (width + 2))).append("\" y=\"").append(top)
                    .append("\" width=\"").append(Math.round(width)).append("\" height=\"")
                    .append(HEIGHT - PAD - top).append("\"/>");
        }
        html.append("</g>");
        close(html, true);
    }

    /** What the values are, in a sentence per series. */
    String description() {
        return series.stream().map(one -> {
            List<Long> values = one.values().stream().filter(Objects::nonNull).toList();
            if (values.isEmpty()) {
                return one.name() + ": no value yet.";
            }
            return one.name() + ": " + values.size() + (values.size() == 1 ? " value" : " values") + ", lowest "
                    + values.stream().mapToLong(Long::longValue).min().getAsLong() + unitAfter() + ", highest "
                    + values.stream().mapToLong(Long::longValue).max().getAsLong() + unitAfter() + ", latest "
                    + values.get(values.size() - 1) + unitAfter() + ".";
        }).collect(Collectors.joining(" "));
    }

    private void open(StringBuilder html, long max) {
        html.append("<figure class=\"plot\" id=\"").append(escape(id)).append("\"><svg class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"")
                .append(escape(id)).append("-title ").append(escape(id)).append("-desc\"><title id=\"")
                .append(escape(id)).append("-title\">").append(escape(name)).append("</title><desc id=\"")
                .append(escape(id)).append("-desc\">").append(escape(description())).append("</desc>")
                .append("<line class=\"axis\" x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD)
                .append("\" x2=\"").append(WIDTH - PAD).append("\" y2=\"").append(HEIGHT - PAD).append("\"/>")
                .append("<text class=\"axis\" x=\"").append(PAD + 2).append("\" y=\"").append(PAD + 9).append("\">")
                .append(max).append(unitAfter()).append("</text>");
    }

    private void close(StringBuilder html, boolean withTable) {
        html.append("</svg>");
        if (series.size() > 1) {
            html.append("<figcaption>");
            for (int s = 0; s < series.size(); s++) {
                html.append("<span class=\"legend line-").append(s).append("\">").append(escape(series.get(s).name()))
                        .append("</span>");
            }
            html.append("</figcaption>");
        }
        if (withTable) {
            table(html);
        }
        html.append("</figure>");
    }

    private void table(StringBuilder html) {
        html.append("<details><summary>").append(escape(name)).append(" as a table</summary><table id=\"")
                .append(escape(id)).append("-values\"><thead><tr><th>").append(escape(xHeading)).append("</th>");
        series.forEach(one -> html.append("<th>").append(escape(one.name())).append("</th>"));
        html.append("</tr></thead><tbody>");
        for (int i = 0; i < labels.size(); i++) {
            html.append("<tr><td>").append(labels.get(i)).append("</td>");
            for (Series one : series) {
                Long value = one.values().get(i);
                html.append("<td>").append(value == null ? "" : value + unitAfter()).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table></details>");
    }

    private long max() {
        return Math.max(1, series.stream().flatMap(one -> one.values().stream()).filter(Objects::nonNull)
                .mapToLong(Long::longValue).max().orElse(1));
    }

    private long x(int index) {
        long first = xs.get(0);
        long span = xs.get(xs.size() - 1) - first;
        if (span == 0) {
            return WIDTH / 2;
        }
        return PAD + (xs.get(index) - first) * (WIDTH - 2 * PAD) / span;
    }

    private static long y(long value, long max) {
        return HEIGHT - PAD - value * (HEIGHT - 2 * PAD - 12) / max;
    }

    private String unitAfter() {
        return unit.isEmpty() ? "" : " " + unit;
    }
}
