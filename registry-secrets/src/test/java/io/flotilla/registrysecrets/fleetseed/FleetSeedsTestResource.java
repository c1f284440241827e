package io.flotilla.registrysecrets.fleetseed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.embedded.clusters.SimulatedFleet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What fleet seeds need around the service: a seed file in Flotilla's configuration (the seed {@code registry}, for
 * the clusters labelled {@code env=prod}), the cluster Flotilla runs in ({@code home}, the kubeconfig's current
 * context, for seeds kept as Secrets there) and a spare cluster {@code eu-9} {env=prod} the test registers through
 * the clusters topic.
 */
public class FleetSeedsTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile SimulatedFleet clusters;
    private static volatile Path seedFile;
    private static volatile Path kubeconfig;

    @Override
    public Map<String, String> start() {
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        names.put("home", Map.of());
        names.put("eu-9", Map.of("env", "prod"));
        clusters = SimulatedFleet.start(names);
        try {
            kubeconfig = Files.createTempFile("registry-secrets-home-", ".yaml");
            clusters.writeKubeconfig(kubeconfig);
            seedFile = Files.createTempFile("registry-secrets-seed-", ".json");
            writeSeed("pw-first-" + Long.toHexString(System.nanoTime()));
            return Map.of("flotilla.pull-secrets.home-kubeconfig", kubeconfig.toString(),
                    "flotilla.pull-secrets.fleet-seeds.registry.secret-file", seedFile.toString(),
                    "flotilla.pull-secrets.fleet-seeds.registry.selector", "env=prod");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        clusters.close();
    }

    static SimulatedFleet clusters() {
        return clusters;
    }

    static Path kubeconfig() {
        return kubeconfig;
    }

    /** Replaces the seed file at once, as a mounted Secret is replaced: a rotation of the seed {@code registry}. */
    static void writeSeed(String password) throws IOException {
        Path next = Files.createTempFile(seedFile.getParent(), "registry-secrets-seed-", ".next");
        Files.writeString(next, dockerConfig(password));
        Files.move(next, seedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What kubectl create secret docker-registry puts in .dockerconfigjson. */
    static String dockerConfig(String password) {
        return "{\"auths\":{\"registry.example.com\":{\"username\":\"robot\",\"password\":\"" + password
                + "\",\"auth\":\"" + base64("robot:" + password) + "\"}}}";
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
