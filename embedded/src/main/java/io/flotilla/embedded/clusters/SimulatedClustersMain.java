package io.flotilla.embedded.clusters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.embedded.launch.LauncherProcess;

/**
 * The local launcher's clusters:
 * {@code SimulatedClustersMain --kubeconfig FILE --cluster dev:env=dev,region=eu --cluster prod:env=prod [--port-base N]}
 * starts one simulated cluster per {@code --cluster}, writes their kubeconfig to FILE, prints
 * {@code CLUSTERS READY <kubeconfig>} and runs until stopped (SIGTERM).
 */
public final class SimulatedClustersMain {

    private static final String USAGE = "SimulatedClustersMain --kubeconfig FILE --cluster NAME[:key=value,...]... "
            + "[--port-base N]";

    private SimulatedClustersMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LauncherProcess.prepareLogging();
        Path kubeconfig = null;
        int portBase = 0;
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kubeconfig" -> kubeconfig = Path.of(LauncherProcess.value(args, ++i, USAGE));
                case "--port-base" -> portBase = LauncherProcess.port(LauncherProcess.value(args, ++i, USAGE), USAGE);
                case "--cluster" -> addCluster(clusters, LauncherProcess.value(args, ++i, USAGE));
                default -> LauncherProcess.exitWithUsage("unknown argument " + args[i], USAGE);
            }
        }
        if (kubeconfig == null || clusters.isEmpty()) {
            LauncherProcess.exitWithUsage("--kubeconfig and at least one --cluster are required", USAGE);
        }
        SimulatedFleet fleet = SimulatedFleet.start(clusters, portBase);
        Path written = fleet.writeKubeconfig(kubeconfig);
        LauncherProcess.announceAndRunUntilStopped("CLUSTERS READY " + written, fleet);
    }

    /** {@code dev:env=dev,region=eu}: a name, then labels; {@code dev} alone has none. */
    static void addCluster(Map<String, Map<String, String>> clusters, String spec) {
        String[] nameAndLabels = spec.split(":", 2);
        String name = nameAndLabels[0].trim();
        if (name.isEmpty()) {
            LauncherProcess.exitWithUsage("--cluster " + spec + " has no name", USAGE);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (nameAndLabels.length > 1 && !nameAndLabels[1].isBlank()) {
            for (String label : nameAndLabels[1].split(",")) {
                String[] kv = label.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    LauncherProcess.exitWithUsage("--cluster " + spec + ": label '" + label + "' is not key=value",
                            USAGE);
                }
                labels.put(kv[0].trim(), kv[1].trim());
            }
        }
        if (clusters.put(name, labels) != null) {
            LauncherProcess.exitWithUsage("--cluster " + name + " is given twice", USAGE);
        }
    }
}
