package io.flotilla.launcher.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.flotilla.launcher.status.ReleaseTable;

/** The registered clusters as {@code ./flotilla cluster list} prints them. */
public final class ClusterTable {

    private static final String[] HEADER = {"NAME", "LABELS", "SOURCE", "REACHABLE", "READY", "REGISTERED"};

    private ClusterTable() {
    }

    public static String format(List<ClusterRow> clusters, Instant now) {
        if (clusters.isEmpty()) {
            return "No cluster is registered: add one with ./flotilla cluster add NAME --kubeconfig FILE\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ClusterRow cluster : clusters) {
            rows.add(new String[] {cluster.name(), LabelChanges.print(cluster.labels()),
                    cluster.source() == null ? "-" : cluster.source(), reachable(cluster.reachable()), ready(cluster),
                    ReleaseTable.age(cluster.registeredAt(), now)});
        }
        long reachable = clusters.stream().filter(cluster -> Boolean.TRUE.equals(cluster.reachable())).count();
        return TextTable.format(rows) + "\n" + clusters.size() + (clusters.size() == 1 ? " cluster, " : " clusters, ")
                + reachable + " reachable\n";
    }

    private static String reachable(Boolean reachable) {
        return reachable == null ? "unknown" : reachable ? "yes" : "no";
    }

    private static String ready(ClusterRow cluster) {
        return cluster.total() == null ? "-" : (cluster.ready() == null ? 0 : cluster.ready()) + "/" + cluster.total();
    }
}
