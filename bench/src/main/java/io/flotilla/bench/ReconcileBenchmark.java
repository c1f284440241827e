package io.flotilla.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.flotilla.embedded.clusters.ReceivedRequest;
import io.flotilla.embedded.clusters.SimulatedCluster;
import io.flotilla.events.ReleaseKey;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.testing.applier.ApplierAlone;
import io.flotilla.testing.applier.Convergence;

/**
 * {@code ./flotilla bench --reconcile}: the applier's packaged application alone with a Kafka broker, PostgreSQL
 * and simulated clusters run here (their requests counted), fed rendered releases on the rendered topic, as
 * {@code --apply} does. Releases are reconciled only when asked ({@code POST /api/reconcile}; the interval is set to
 * an hour so that no scheduled reconcile mixes in). After a warm-up of W releases (not measured), each measurement
 * on a cluster of its own: a no-op reconcile of N Ready releases (seconds, API reads and writes, the applier's CPU
 * seconds); a cluster of N releases wiped (re-created empty at the same address) and rebuilt by a reconcile of the
 * cluster (seconds from the wipe to all Ready again); and the applier killed ({@code kill -9}) at a quarter of a cold
 * sync of N releases and started again (lost outcomes, revisions applied twice, seconds from the kill to all Ready).
 * Prints {@code BENCH} lines.
 */
public final class ReconcileBenchmark {

    private static final String DATABASE = "flotilla_bench_reconcile";
    private static final String NAMESPACE = "apps";
    private static final String WARM_UP = "warm-up";
    private static final String NOOP = "noop";
    private static final String WIPED = "wiped";
    private static final String KILLED = "killed";
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(20);
    private static final Duration RESTART_LIMIT = Duration.ofMinutes(3);

    private final ApplierAlone alone;
    private final PrintStream out;

    private ReconcileBenchmark(ApplierAlone alone, PrintStream out) {
        this.alone = alone;
        this.out = out;
    }

    public static int run(Path home, Arguments arguments, PrintStream out) {
        // The broker runs in this JVM; its lines and its clients' at INFO would bury the benchmark's own.
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            System.setProperty("org.slf4j.simpleLogger.log." + category, "warn");
        }
        int releases = arguments.intValue("releases", 1000);
        int warmUp = arguments.intValue("warm-up-releases", 300);
        if (releases < 4 || warmUp < 0) {
            throw new UsageException("--releases takes a number from 4, --warm-up-releases from 0");
        }
        Path work = home.resolve(".flotilla").resolve("bench-reconcile");
        Folders.deleteRecursively(work);
        out.println("Starting the applier alone in " + work + " (logs in " + work.resolve("logs") + ")");
        try (ApplierAlone alone = ApplierAlone.start(home, work, DATABASE, List.of(WARM_UP, NOOP, WIPED, KILLED),
                LocalStack.SERVICE_JVM, Map.of("flotilla.reconcile.interval", "1h"))) {
            ReconcileBenchmark benchmark = new ReconcileBenchmark(alone, out);
            if (warmUp > 0) {
                benchmark.applyCold(WARM_UP, warmUp);
            }
            benchmark.noopReconcile(releases);
            benchmark.wipedCluster(releases);
            benchmark.killedMidSync(releases);
            return 0;
        } catch (IllegalStateException e) {
            throw new StackException(e.getMessage(), e);
        }
    }

    private void noopReconcile(int releases) {
        List<ReleaseKey> keys = applyCold(NOOP, releases);
        SimulatedCluster cluster = alone.cluster(NOOP);
        int reconciledBefore = alone.reconciled(keys);
        long writesBefore = cluster.writeCount();
        Duration cpuBefore = alone.applier().cpu();
        long start = System.nanoTime();
        int queued = alone.reconcile("{\"cluster\": \"" + NOOP + "\"}");
        await(() -> alone.reconciled(keys) - reconciledBefore >= releases, releases + " releases reconciled");
        double seconds = seconds(start);
        double cpu = (alone.applier().cpu().toMillis() - cpuBefore.toMillis()) / 1000.0;
        long writes = cluster.writeCount() - writesBefore;
        List<ReceivedRequest> during = cluster.receivedRequests().stream()
                .filter(request -> request.receivedNanos() >= start).toList();
        long reads = during.stream().filter(request -> request.method().equals("GET")).count();
        long dryRuns = during.stream().filter(ReceivedRequest::isDryRun).count();
        out.printf("BENCH reconcile noop clusters=1 releases=%d queued=%d seconds=%.1f api_reads=%d "
                + "api_reads_per_release=%.1f writes=%d dry_runs=%d new_revisions=%d applier_cpu_s=%.1f%n",
                releases, queued, seconds, reads, (double) reads / releases, writes, dryRuns,
                alone.readyAt(keys, 2), cpu);
    }

    private void wipedCluster(int releases) {
        List<ReleaseKey> keys = applyCold(WIPED, releases);
        long start = System.nanoTime();
        alone.wipe(WIPED);
        int queued = alone.reconcile("{\"cluster\": \"" + WIPED + "\"}");
        await(() -> alone.readyAt(keys, 2) == releases, releases + " releases of the wiped cluster Ready again");
        double seconds = seconds(start);
        Convergence after = alone.convergence(keys, 2);
        out.printf("BENCH reconcile wiped clusters=1 releases=%d trigger=api queued=%d seconds_wipe_to_ready=%.1f "
                + "rebuilt=%d missing_objects=%d%n", releases, queued, seconds, alone.readyAt(keys, 2),
                after.missingObjects());
    }

    private void killedMidSync(int releases) {
        long start = System.nanoTime();
        List<ReleaseKey> keys = alone.publish(NAMESPACE, List.of(KILLED), releases);
        await(() -> alone.ready(keys) >= releases / 4, "a quarter of " + releases + " releases Ready");
        alone.applier().kill();
        long killed = System.nanoTime();
        int readyWhenKilled = alone.ready(keys);
        out.printf("killed: the applier killed at %d of %d releases Ready, %.1f s into the sync%n", readyWhenKilled,
                releases, (killed - start) / 1e9);
        alone.applier().start(RESTART_LIMIT);
        double restart = seconds(killed);
        await(() -> alone.ready(keys) == releases, "all " + releases + " releases Ready after the restart");
        double converged = seconds(killed);
        Convergence after = Waiting.until(() -> alone.convergence(keys, 1), found -> found.lost() == 0,
                Duration.ofSeconds(60), Duration.ofSeconds(2), "every revision's ReleaseApplied on the topic");
        out.printf("BENCH reconcile killed clusters=1 releases=%d ready_at_kill=%d lost=%d duplicate_revisions=%d "
                + "gapped=%d missing_objects=%d duplicate_events=%d restart_s=%.1f seconds_kill_to_ready=%.1f%n",
                releases, readyWhenKilled, after.lost(), after.extraRevisions(), after.gapped(),
                after.missingObjects(), after.duplicateEvents(), restart, converged);
    }

    /** Publishes {@code releases} new releases to the cluster and waits until all are Ready: their keys. */
    private List<ReleaseKey> applyCold(String cluster, int releases) {
        long start = System.nanoTime();
        List<ReleaseKey> keys = alone.publish(NAMESPACE, List.of(cluster), releases);
        await(() -> alone.ready(keys) == releases, releases + " releases Ready on " + cluster);
        out.printf("%s: %d releases Ready in %.1f s%n", cluster, releases, seconds(start));
        return keys;
    }

    private static void await(BooleanSupplier done, String what) {
        Waiting.until(done::getAsBoolean, Boolean::booleanValue, PHASE_LIMIT, Duration.ofMillis(50), what);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
