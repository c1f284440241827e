package io.flotilla.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.testing.git.GitRepo;

/**
 * Where every end-to-end test starts: a fleet repository with the example chart and its GitRepository source, and
 * the packaged stack watching it, as {@code ./flotilla up} runs it, on simulated {@code dev} and {@code prod}: the
 * {@link SharedStack}, or a stack of the test's own made from {@link #options}.
 */
final class EndToEndFleet {

    static final Path HOME = Path.of(System.getProperty("flotilla.home", "..")).toAbsolutePath().normalize();
    /** The simulated clusters, each labelled with its environment. */
    static final List<String> CLUSTERS = List.of("dev", "prod");

    private EndToEndFleet() {
    }

    /** A new repository in {@code work/fleet} holding the example chart and sources, nothing committed yet. */
    static GitRepo repository(Path work) {
        GitRepo repo = GitRepo.init(work.resolve("fleet"));
        repo.copyFrom(HOME.resolve("examples/fleet/charts/hello"), "charts/hello");
        repo.copyFrom(HOME.resolve("examples/fleet/sources"), "sources");
        return repo;
    }

    /** Commits what the test wrote, its URLs pointing at the repository itself; the commit's sha. */
    static String commit(GitRepo repo, String message) {
        ExampleFleet.pointAtItself(repo.dir());
        return repo.commit(message);
    }

    /**
     * The stack every end-to-end test starts, before its own additions: every service watching {@code repository}
     * (polled each second), the simulated {@link #CLUSTERS} labelled with their environment, its state in
     * {@code work/state}, its ports free ones, its data in {@code database}.
     */
    static StackOptions options(Path work, String repository, String database) {
        Map<String, Map<String, String>> fleet = new LinkedHashMap<>();
        CLUSTERS.forEach(cluster -> fleet.put(cluster, Map.of("env", cluster)));
        return new StackOptions(HOME, work.resolve("state"), repository, GitRepo.BRANCH, fleet, null, List.of(), 0,
                true, Duration.ofSeconds(1), database);
    }

    /** A client of the cluster {@code context} of the stack's {@code kubeconfig}, as kubectl would reach it. */
    static KubernetesClient client(Path kubeconfig, String context) {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(context,
                    Files.readString(kubeconfig), kubeconfig.toString())).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kubeconfig, e);
        }
    }
}
