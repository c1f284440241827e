package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;
import static io.flotilla.observer.dashboard.Html.shortSha;
import static io.flotilla.observer.dashboard.Html.time;

import java.util.List;
import java.util.stream.LongStream;

import io.flotilla.observer.trend.Trends;

/**
 * The plots of the fleet over time: releases Ready per cluster (the cluster cards and the cluster page), how long the
 * latest commits took to be rendered and to reach their clusters, and drift found per day (the overview).
 */
final class TrendPlots {

    private TrendPlots() {
    }

    /** The overview's section: the latest commits' hops and drift per day. */
    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2 id=\"trends-heading\">Over time</h2><div class=\"cards\" id=\"trends\">");
        List<Trends.Latency> commits = dashboard.trends().commits();
        html.append("<div class=\"card\"><h3>Commit to applied, last ").append(commits.size())
                .append(" commits</h3>");
        if (commits.isEmpty()) {
            html.append("<p>No commit has been detected in the last ").append(Trends.KEPT.toDays())
                    .append(" days.</p>");
        } else {
            commitHops(commits).writeLines(html, true);
        }
        html.append("</div>");
        List<Trends.Drift> days = dashboard.trends().drift();
        html.append("<div class=\"card\"><h3>Drift found per day</h3>");
        driftPerDay(days).writeBars(html);
        html.append("</div></div>");
    }

    /** A cluster's releases Ready and in all, hour by hour; empty when nothing was applied on it in that time. */
    static void ready(StringBuilder html, String id, String cluster, List<Trends.Ready> hours, String period,
            boolean withTable) {
        if (hours.isEmpty()) {
            html.append("<p class=\"muted\">No release was applied on ").append(escape(cluster)).append(" in ")
                    .append(escape(period)).append(".</p>");
            return;
        }
        new Plot(id, "Releases Ready on " + cluster + ", " + period, "", "hour",
                hours.stream().map(hour -> hour.hour().getEpochSecond()).toList(),
                hours.stream().map(hour -> time(hour.hour())).toList(),
                List.of(new Plot.Series("Ready", hours.stream().map(hour -> (long) hour.ready()).toList()),
                        new Plot.Series("in all", hours.stream().map(hour -> (long) hour.total()).toList())))
                .writeLines(html, withTable);
    }

    private static Plot commitHops(List<Trends.Latency> commits) {
        return new Plot("commit-hops", "Time from commit detected to rendered and to applied, slowest release of each"
                + " of the last " + commits.size() + " commits", "ms", "commit",
                LongStream.range(0, commits.size()).boxed().toList(),
                commits.stream().map(commit -> "<code>" + shortSha(commit.sha()) + "</code> "
                        + time(commit.detectedAt())).toList(),
                List.of(new Plot.Series("rendered", commits.stream().map(Trends.Latency::renderedMs).toList()),
                        new Plot.Series("applied", commits.stream().map(Trends.Latency::appliedMs).toList())));
    }

    private static Plot driftPerDay(List<Trends.Drift> days) {
        return new Plot("drift-per-day", "Drift found per day, last " + days.size() + " days", "", "day",
                days.stream().map(day -> day.day().toEpochDay()).toList(),
                days.stream().map(day -> day.day().toString()).toList(),
                List.of(new Plot.Series("drift found", days.stream().map(day -> (long) day.found()).toList())));
    }
}
