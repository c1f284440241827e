package io.flotilla.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flotilla.launcher.fleet.ExampleFleet;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.git.GitRepo;

/**
 * Where every end-to-end test starts: a fleet repository with the example chart and its GitRepository source, and
 * the packaged stack watching it, as {@code ./flotilla up} runs it, on simulated {@code dev} and {@code prod}.
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

    /** Commits what the test wrote, its URLs pointing at the repository itself, and starts the stack on it. */
    static StackState commitAndStart(Path work, GitRepo repo, String message, String database) {
        ExampleFleet.pointAtItself(repo.dir());
        repo.commit(message);
        Map<String, Map<String, String>> fleet = new LinkedHashMap<>();
        CLUSTERS.forEach(cluster -> fleet.put(cluster, Map.of("env", cluster)));
        return LocalStack.up(new StackOptions(HOME, work.resolve("state"), repo.dir().toString(), GitRepo.BRANCH,
                fleet, null, List.of(), 0, true, Duration.ofSeconds(1), database), new PrintStream(System.out));
    }
}
