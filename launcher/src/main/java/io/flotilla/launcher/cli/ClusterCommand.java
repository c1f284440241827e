package io.flotilla.launcher.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.clusters.ClusterLabels;
import io.flotilla.clusters.KubeconfigClusters;
import io.flotilla.clusters.RegisteredCluster;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla cluster}: the fleet's registry, through the observer's API, while Flotilla runs.
 * <ul>
 * <li>{@code add NAME --kubeconfig FILE [--context C] [--label k=v]...}: one context of a kubeconfig read here
 * (files it names inlined, so the observer needs no access to them) is sent as a kubeconfig of its own,
 * {@code POST /api/clusters {name, kubeconfig, context, labels}};</li>
 * <li>{@code list}: {@code GET /api/clusters} as a table;</li>
 * <li>{@code label NAME k=v [k2=v2] [k-]}: the cluster's labels read, changed, and written whole,
 * {@code PUT /api/clusters/{name}/labels};</li>
 * <li>{@code remove NAME [--uninstall]}: {@code DELETE /api/clusters/{name}?uninstall=}; without
 * {@code --uninstall} what Flotilla deployed there stays.</li>
 * </ul>
 * Names and labels are checked here as Kubernetes checks them before anything is sent.
 */
public final class ClusterCommand {

    static final String PATH = "api/clusters";
    private static final String SUBCOMMANDS = "'cluster' takes add, list, label or remove";

    private ClusterCommand() {
    }

    /**
     * @param observer the observer's base URL
     * @return what to print
     */
    public static String run(List<String> args, Endpoint observer, Instant now) {
        if (args.isEmpty()) {
            throw new UsageException(SUBCOMMANDS);
        }
        List<String> rest = args.subList(1, args.size());
        JsonHttp api = new JsonHttp("observer", observer);
        return switch (args.get(0)) {
            case "add" -> add(api, rest, now);
            case "list" -> list(api, rest, now);
            case "label" -> label(api, rest);
            case "remove" -> remove(api, rest);
            default -> throw new UsageException("'cluster " + args.get(0) + "' is no command: " + SUBCOMMANDS);
        };
    }

    private static String add(JsonHttp api, List<String> args, Instant now) {
        RegisteredCluster cluster = registration(args, now);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("name", cluster.name());
        request.put("kubeconfig", cluster.kubeconfig());
        request.put("context", cluster.name());
        request.put("labels", new TreeMap<>(cluster.labels()));
        api.post(PATH, request, JsonHttp.SUCCESS, new TypeReference<Object>() {
        });
        return "Cluster " + cluster.name() + " registered (server " + cluster.server() + ", labels "
                + LabelChanges.print(cluster.labels()) + "): every service takes it up now."
                + " ./flotilla cluster list shows it.\n";
    }

    /**
     * The cluster {@code cluster add} registers: the chosen context (else the file's current one) read here, files it
     * names inlined, as a kubeconfig of its own whose one context is named as the cluster.
     */
    static RegisteredCluster registration(List<String> args, Instant now) {
        Arguments arguments = Arguments.parse("cluster add", args, Set.of("kubeconfig", "context", "label"), Set.of(),
                1);
        if (arguments.plain().size() != 1) {
            throw new UsageException("'cluster add' takes the cluster's name: cluster add NAME --kubeconfig FILE"
                    + " [--context C] [--label k=v]...");
        }
        String name = checkedName(arguments.plain().get(0));
        Path kubeconfig = arguments.value("kubeconfig").map(Path::of).orElseThrow(() -> new UsageException(
                "'cluster add' needs --kubeconfig FILE, the kubeconfig that reaches the cluster"));
        LabelChanges labels = LabelChanges.parse(arguments.values("label"), false);
        if (!Files.isReadable(kubeconfig)) {
            throw new StackException("kubeconfig " + kubeconfig + " does not exist or cannot be read");
        }
        try {
            return KubeconfigClusters.registration(kubeconfig, arguments.value("context").orElse(null), name,
                    labels.set(), "api", now);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new StackException(e.getMessage(), e);
        }
    }

    private static String list(JsonHttp api, List<String> args, Instant now) {
        Arguments.parse("cluster list", args, Set.of());
        return ClusterTable.format(clusters(api), now);
    }

    private static String label(JsonHttp api, List<String> args) {
        Arguments arguments = Arguments.parse("cluster label", args, Set.of(), Set.of(), Integer.MAX_VALUE);
        List<String> plain = arguments.plain();
        if (plain.size() < 2) {
            throw new UsageException("'cluster label' takes the cluster's name and at least one change: cluster label"
                    + " NAME key=value [key2=value2] [key-]");
        }
        String name = checkedName(plain.get(0));
        LabelChanges changes = LabelChanges.parse(plain.subList(1, plain.size()), true);
        ClusterRow cluster = clusters(api).stream().filter(row -> row.name().equals(name)).findFirst()
                .orElseThrow(() -> new StackException("no cluster named " + name + " is registered"
                        + " (./flotilla cluster list shows those that are)"));
        Map<String, String> labels = changes.applyTo(cluster.labels());
        api.put(PATH + "/" + name + "/labels", Map.of("labels", labels), new TypeReference<Object>() {
        });
        return "Cluster " + name + " is labelled " + LabelChanges.print(labels) + " (was "
                + LabelChanges.print(cluster.labels()) + ").\n";
    }

    private static String remove(JsonHttp api, List<String> args) {
        Arguments arguments = Arguments.parse("cluster remove", args, Set.of(), Set.of("uninstall"), 1);
        if (arguments.plain().size() != 1) {
            throw new UsageException("'cluster remove' takes the cluster's name: cluster remove NAME [--uninstall]");
        }
        String name = checkedName(arguments.plain().get(0));
        boolean uninstall = arguments.has("uninstall");
        api.delete(PATH + "/" + name + "?uninstall=" + uninstall, new TypeReference<Object>() {
        });
        return "Cluster " + name + " removed: Flotilla stops working on it; " + (uninstall
                ? "the applier uninstalls every release it deployed there first.\n"
                : "what it deployed there stays (--uninstall would have removed it).\n");
    }

    private static List<ClusterRow> clusters(JsonHttp api) {
        List<JsonNode> clusters = api.get(PATH, new TypeReference<List<JsonNode>>() {
        });
        return clusters.stream().map(ClusterRow::of).toList();
    }

    private static String checkedName(String name) {
        try {
            ClusterLabels.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return name;
    }
}
