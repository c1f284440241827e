package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.stack.StackException;

/**
 * {@code ./flotilla bench [--MODE] [options]}: the first argument picks what is measured; without one the
 * whole stack is measured from commit to applied ({@link Benchmark}). Each mode prints {@code BENCH} lines.
 */
public final class BenchCommand {

    /** How long what a benchmark stopped by a signal left running is given to stop before it is killed. */
    private static final int STOP_SECONDS = 30;

    /** One benchmark: its options are the arguments after the mode flag. */
    @FunctionalInterface
    interface Mode {
        int run(Path home, List<String> args, PrintStream out);
    }

    private static final Map<String, Mode> MODES = new LinkedHashMap<>();

    static {
        MODES.put("--stack", (home, args, out) -> Benchmark.run(home,
                Arguments.parse("bench --stack", args, Set.of("releases", "clusters", "commits")), out));
        MODES.put("--git", (home, args, out) -> GitBenchmark.run(home, Arguments.parse("bench --git", args,
                Set.of("files", "history", "pushes", "idle-sources", "idle-seconds")), out));
        MODES.put("--apply", (home, args, out) -> ApplyBenchmark.run(home,
                Arguments.parse("bench --apply", args, Set.of("releases", "clusters", "compare-releases", "warm-up-releases")), out));
        MODES.put("--reconcile", (home, args, out) -> ReconcileBenchmark.run(home,
                Arguments.parse("bench --reconcile", args, Set.of("releases", "warm-up-releases")), out));
        MODES.put("--observer", (home, args, out) -> ObserverBenchmark.run(home,
                Arguments.parse("bench --observer", args, Set.of("clusters", "objects", "releases", "drifts")), out));
        MODES.put("--fleet", (home, args, out) -> FleetBenchmark.run(home,
                Arguments.parse("bench --fleet", args, Set.of("clusters", "releases")), out));
        MODES.put("--split", (home, args, out) -> SplitBenchmark.run(home,
                Arguments.parse("bench --split", args, Set.of("releases", "clusters")), out));
        MODES.put("--pull-secrets", (home, args, out) -> PullSecretBenchmark.run(home,
                Arguments.parse("bench --pull-secrets", args, Set.of("clusters", "namespaces")), out));
        MODES.put("--images", (home, args, out) -> ImageBenchmark.run(home, Arguments.parse("bench --images", args,
                Set.of("pushes", "releases", "repositories", "clusters", "poll-seconds", "idle-seconds")), out));
        MODES.put("--kustomizations", (home, args, out) -> KustomizationBenchmark.run(home,
                Arguments.parse("bench --kustomizations", args, Set.of("kustomizations")), out));
        MODES.put("--preview", (home, args, out) -> PreviewBenchmark.run(home,
                Arguments.parse("bench --preview", args, Set.of("releases", "clusters", "changed", "pushes")), out));
        MODES.put("--security", (home, args, out) -> SecurityBenchmark.run(home,
                Arguments.parse("bench --security", args, Set.of("releases", "clusters", "commits")), out));
        MODES.put("--render-only", (home, args, out) -> RenderBenchmark.run(home,
                Arguments.parse("bench --render-only", args, Set.of("releases", "render-threads")), out));
    }

    private BenchCommand() {
    }

    /** What {@code ./flotilla bench ...} runs, with the repository's root as {@code flotilla.home}. */
    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("flotilla.home", ".")).toAbsolutePath().normalize();
        Runtime.getRuntime().addShutdownHook(new Thread(BenchCommand::stopWhatIsLeft, "bench-stop"));
        try {
            System.exit(run(home, List.of(args), System.out));
        } catch (UsageException e) {
            System.err.println("flotilla bench: " + e.getMessage());
            System.exit(2);
        } catch (StackException e) {
            System.err.println("flotilla bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * A benchmark stops the stack it started when it ends; one stopped by a signal (Ctrl-C, {@code kill}) does not get
     * there, so whatever it started and is still running is stopped here: asked first, killed after
     * {@value #STOP_SECONDS} s.
     */
    private static void stopWhatIsLeft() {
        List<ProcessHandle> left = ProcessHandle.current().descendants().toList();
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(STOP_SECONDS).toNanos();
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    public static int run(Path home, List<String> args, PrintStream out) {
        if (!args.isEmpty() && MODES.containsKey(args.get(0))) {
            return MODES.get(args.get(0)).run(home, args.subList(1, args.size()), out);
        }
        return MODES.get("--stack").run(home, args, out);
    }
}
