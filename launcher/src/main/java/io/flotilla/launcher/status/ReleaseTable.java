package io.flotilla.launcher.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Releases per cluster as a plain text table, the way {@code ./flotilla status} prints them. */
public final class ReleaseTable {

    private static final String[] HEADER = {"CLUSTER", "NAMESPACE", "RELEASE", "REV", "STATUS", "CHART", "SOURCE", "APPLIED", "MESSAGE"};
    private static final int MESSAGE_WIDTH = 100;

    private ReleaseTable() {
    }

    public static String format(List<ReleaseRow> releases, Instant now) {
        if (releases.isEmpty()) {
            return "No releases yet: Flotilla has applied nothing so far.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ReleaseRow release : releases) {
            rows.add(new String[] {
                    release.cluster(), release.namespace(), release.name(), Integer.toString(release.revision()),
                    release.status(), chart(release), shortSha(release.sourceSha()), age(release.appliedAt(), now),
                    message(release.message())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        String previousCluster = null;
        for (String[] row : rows) {
            if (previousCluster != null && !previousCluster.equals(row[0])) {
                table.append('\n');
            }
            previousCluster = row == HEADER ? null : row[0];
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            table.append(line.toString().stripTrailing()).append('\n');
        }
        long ready = releases.stream().filter(r -> "Ready".equals(r.status())).count();
        table.append('\n').append(ready).append(" of ").append(releases.size()).append(" releases ready\n");
        return table.toString();
    }

    private static String chart(ReleaseRow release) {
        if (release.chart() == null) {
            return "-";
        }
        return release.chartVersion() == null ? release.chart() : release.chart() + "-" + release.chartVersion();
    }

    private static String shortSha(String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(7, sha.length()));
    }

    private static String message(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() > MESSAGE_WIDTH ? oneLine.substring(0, MESSAGE_WIDTH - 3) + "..." : oneLine;
    }

    /** How long ago {@code then} was, as the tables say it: {@code 5s ago}, {@code 3m ago}, {@code 2h ago}... */
    public static String age(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        Duration age = Duration.between(then, now);
        if (age.toSeconds() < 60) {
            return Math.max(0, age.toSeconds()) + "s ago";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + "m ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + "h ago";
        }
        return age.toDays() + "d ago";
    }
}
