package io.flotilla.embedded.clusters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.embedded.launch.CommandLine;
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
        CommandLine line = CommandLine.read(args, USAGE, "--kubeconfig", "--cluster", "--port-base");
        int portBase = line.port("--port-base");
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        line.values("--cluster").forEach(spec -> addCluster(line, clusters, spec));
        if (line.values("--kubeconfig").isEmpty() || clusters.isEmpty()) {
            line.fail("--kubeconfig and at least one --cluster are required");
        }
        SimulatedFleet fleet = SimulatedFleet.start(clusters, portBase);
        Path written = fleet.writeKubeconfig(Path.of(line.value("--kubeconfig", null)));
        LauncherProcess.announceAndRunUntilStopped("CLUSTERS READY " + written, fleet);
    }

    /** {@code dev:env=dev,region=eu}: a name, then labels; {@code dev} alone has none. */
    private static void addCluster(CommandLine line, Map<String, Map<String, String>> clusters, String spec) {
        String[] nameAndLabels = spec.split(":", 2);
        String name = nameAndLabels[0].trim();
        if (name.isEmpty()) {
            line.fail("--cluster " + spec + " has no name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (nameAndLabels.length > 1 && !nameAndLabels[1].isBlank()) {
            for (String label : nameAndLabels[1].split(",")) {
                String[] kv = label.split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    line.fail("--cluster " + spec + ": label '" + label + "' is not key=value");
                }
                labels.put(kv[0].trim(), kv[1].trim());
            }
        }
        if (clusters.put(name, labels) != null) {
            line.fail("--cluster " + name + " is given twice");
        }
    }
}
