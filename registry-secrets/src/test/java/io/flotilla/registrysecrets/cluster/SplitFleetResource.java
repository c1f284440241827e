package io.flotilla.registrysecrets.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.embedded.clusters.SimulatedFleet;
import io.flotilla.messaging.share.PartitionShare;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fleet for two instances to split: one simulated cluster on each partition of the clusters topic (so that each
 * instance keeps some whatever the group gives it), written in the service's kubeconfig, and a fleet seed
 * {@code split} in a file, for every cluster.
 */
public class SplitFleetResource implements QuarkusTestResourceLifecycleManager {

    /** The partitions of the test's topics: the messaging module's default. */
    static final int PARTITIONS = 6;
    static final String SEED = "split";

    private static volatile SimulatedFleet clusters;
    private static volatile Path seedFile;
    private Path kubeconfig;

    @Override
    public Map<String, String> start() {
        Map<Integer, String> onePerPartition = new TreeMap<>();
        for (int n = 0; onePerPartition.size() < PARTITIONS; n++) {
            onePerPartition.putIfAbsent(PartitionShare.partitionOf("site-" + n, PARTITIONS), "site-" + n);
        }
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        onePerPartition.values().forEach(name -> names.put(name, Map.of("env", "prod")));
        clusters = SimulatedFleet.start(names);
        try {
            kubeconfig = Files.createTempFile("registry-secrets-split-", ".yaml");
            clusters.writeKubeconfig(kubeconfig);
            seedFile = Files.createTempFile("registry-secrets-split-seed-", ".json");
            writeSeed("pw-first");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("flotilla.clusters.kubeconfig", kubeconfig.toString(),
                "flotilla.pull-secrets.fleet-seeds." + SEED + ".secret-file", seedFile.toString());
    }

    @Override
    public void stop() {
        clusters.close();
        kubeconfig.toFile().delete();
        seedFile.toFile().delete();
    }

    static SimulatedFleet clusters() {
        return clusters;
    }

    static List<String> names() {
        return clusters.clusters().stream().map(SimulatedCluster::name).sorted().toList();
    }

    /** Replaces the seed file at once, as a mounted Secret is replaced: a rotation. */
    static void writeSeed(String password) throws IOException {
        String auth = Base64.getEncoder().encodeToString(("robot:" + password).getBytes(StandardCharsets.UTF_8));
        Path next = Files.createTempFile(seedFile.getParent(), "registry-secrets-split-seed-", ".next");
        Files.writeString(next, "{\"auths\":{\"registry.example.com\":{\"username\":\"robot\",\"password\":\""
                + password + "\",\"auth\":\"" + auth + "\"}}}");
        Files.move(next, seedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
