package io.flotilla.launcher.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.InstanceCounts;
import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla bootstrap --fleet DIR --cluster NAME ...}: writes Flotilla's own installation into a checkout of
 * the fleet repository, as {@code flux bootstrap} commits Flux's: the chart ({@value #CHART}, a copy of
 * {@code deploy/chart/flotilla}) and, in {@code clusters/<cluster>/flotilla-system/}, the namespace and a HelmRelease
 * of that chart with its values. Committed and pushed, it goes to the cluster Flotilla runs in through the pipeline
 * like any release: a change of its values in Git (an instance count) is Flotilla changing its own Deployments. The
 * keys and passwords stay out of Git: the values name Secrets that are made once in the cluster.
 */
public final class Bootstrap {

    /** Where the chart goes in the fleet repository. */
    public static final String CHART = "charts/flotilla";
    public static final String NAMESPACE = "flotilla-system";
    /** The Secret the values name, made once by hand (the command prints how). */
    public static final String SECRET_KEYS_SECRET = "flotilla-secret-keys";

    private Bootstrap() {
    }

    /** What to write. */
    public record Settings(String cluster, String kafka, String postgresql, String repository, String branch,
            String source, Map<Service, Integer> instances) {
    }

    /** The command: writes the files and returns what to do next. */
    public static String run(List<String> args, Path home) {
        Arguments arguments = Arguments.parse("bootstrap", args, Set.of("fleet", "cluster", "kafka", "postgresql",
                "repository", "branch", "source", "instances"));
        Path fleet = Path.of(need(arguments, "fleet")).toAbsolutePath();
        Settings settings = new Settings(need(arguments, "cluster"), need(arguments, "kafka"),
                need(arguments, "postgresql"), need(arguments, "repository"), arguments.value("branch").orElse("main"),
                arguments.value("source").orElse("flux-system/fleet"),
                arguments.value("instances").map(InstanceCounts::parse).orElse(Map.of()));
        if (!Files.isDirectory(fleet)) {
            throw new UsageException("--fleet " + fleet + " is not a folder (a checkout of the fleet repository)");
        }
        Path release = write(home, fleet, settings);
        return "Wrote " + fleet.resolve(CHART) + " and " + release + ".\n"
                + "Make the Secret the values name, once, in the cluster " + settings.cluster() + ":\n"
                + "  kubectl create namespace " + NAMESPACE + "\n"
                + "  kubectl -n " + NAMESPACE + " create secret generic " + SECRET_KEYS_SECRET
                + " --from-literal=keys=\"k1:$(head -c 32 /dev/urandom | base64)\"\n"
                + "then install it once with Helm (helm install flotilla " + CHART + " -n " + NAMESPACE
                + " -f <the values of " + release.getFileName() + ">), commit and push: from then on Flotilla applies"
                + " every change of that folder to itself.\n";
    }

    /** Writes the chart and the cluster's folder into {@code fleet}; the HelmRelease's file. */
    public static Path write(Path home, Path fleet, Settings settings) {
        Path folder = fleet.resolve("clusters").resolve(settings.cluster()).resolve(NAMESPACE);
        String helmRelease = helmRelease(settings);
        try {
            ExampleFleet.copy(home.resolve("deploy").resolve("chart").resolve("flotilla"), fleet.resolve(CHART));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("namespace.yaml"), """
                    apiVersion: v1
                    kind: Namespace
                    metadata:
                      name: %s
                    """.formatted(NAMESPACE));
            Path release = folder.resolve("flotilla.yaml");
            Files.writeString(release, helmRelease);
            return release;
        } catch (IOException e) {
            throw new StackException("cannot write Flotilla's installation into " + fleet + ": " + e.getMessage(), e);
        }
    }

    static String helmRelease(Settings settings) {
        String[] source = settings.source().split("/", 2);
        if (source.length != 2) {
            throw new UsageException("--source takes NAMESPACE/NAME of the fleet's GitRepository, not '"
                    + settings.source() + "'");
        }
        Map<Service, Integer> replicas = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            replicas.put(service, settings.instances().getOrDefault(service, 1));
        }
        StringBuilder services = new StringBuilder();
        replicas.forEach((service, count) -> services.append("      ").append(service.module()).append(":\n")
                .append("        replicas: ").append(count).append('\n'));
        return """
                # Flotilla's own installation, written by ./flotilla bootstrap and managed by Flotilla from here: a change
                # of these values (an instance count, resources, the version) is applied by Flotilla to its own
                # Deployments. Keys and passwords stay in the Secrets named below, made once in the cluster.
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: flotilla
                  namespace: %s
                spec:
                  interval: 10m
                  releaseName: flotilla
                  chart:
                    spec:
                      chart: %s
                      sourceRef:
                        kind: GitRepository
                        name: %s
                        namespace: %s
                  values:
                    kafka:
                      bootstrapServers: "%s"
                    postgresql:
                      address: "%s"
                    fleet:
                      repository: "%s"
                      branch: "%s"
                    secretKeys:
                      existingSecret: %s
                    services:
                %s""".formatted(NAMESPACE, CHART, source[1], source[0], settings.kafka(), settings.postgresql(),
                settings.repository(), settings.branch(), SECRET_KEYS_SECRET, services);
    }

    private static String need(Arguments arguments, String name) {
        return arguments.value(name).orElseThrow(() -> new UsageException("bootstrap needs --" + name));
    }
}
