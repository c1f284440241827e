package io.flotilla.bench.render;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.renderer.render.CommitRenderer;

/**
 * Kustomization throughput: a commit of N Flux Kustomizations (each its own folder of a Deployment, a Service and a
 * ConfigMap, with a target namespace, a name prefix, an image and a patch) rendered cold by the renderer, against
 * the same kustomize running alone on the same folders, as many at a time as the renderer runs (one per core).
 * {@code ./flotilla bench --kustomizations [--kustomizations N]}.
 */
public final class KustomizationThroughput {

    private static final ClusterRef CLUSTER = new ClusterRef("bench", Map.of("env", "bench"));
    /** Built both ways before measuring: the JIT and the page cache warm on both sides. */
    private static final int WARM_UP = 20;

    /** What one run measured. */
    public record Result(int kustomizations, int rendered, long renderMillis, long aloneMillis, int threads) {

        public void print(PrintStream out) {
            out.printf("BENCH kustomizations=%d render_s=%.1f kustomize_alone_s=%.1f ratio=%.2f threads=%d%n",
                    rendered, renderMillis / 1000.0, aloneMillis / 1000.0,
                    aloneMillis == 0 ? 0 : (double) renderMillis / aloneMillis, threads);
        }
    }

    private KustomizationThroughput() {
    }

    public static Result run(Path work, int kustomizations) throws IOException {
        Kustomize kustomize = Kustomize.find(Optional.empty());
        if (!kustomize.available()) {
            throw new IllegalStateException("no kustomize to measure: install kustomize or kubectl");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        measure(work.resolve("warm-up"), Math.min(WARM_UP, kustomizations), kustomize, threads);
        return measure(work.resolve("measured"), kustomizations, kustomize, threads);
    }

    private static Result measure(Path work, int kustomizations, Kustomize kustomize, int threads) throws IOException {
        List<Path> alone = new ArrayList<>();
        try (BenchFleet fleet = BenchFleet.in(work.resolve("fleet"))) {
            for (int i = 0; i < kustomizations; i++) {
                declare(fleet, i);
                alone.add(writeApp(work.resolve("alone/app-" + i)));
            }
            CommitDetected commit = fleet.commit("kustomizations");
            List<ReleaseRendered> rendered;
            long renderMillis;
            try (CommitRenderer renderer = new CommitRenderer(work.resolve("renderer"), () -> List.of(CLUSTER))) {
                long start = System.nanoTime();
                rendered = renderer.render(commit);
                renderMillis = (System.nanoTime() - start) / 1_000_000;
            }
            List<String> errors = rendered.stream().filter(release -> release.error() != null)
                    .map(ReleaseRendered::error).toList();
            if (!errors.isEmpty()) {
                throw new IllegalStateException(errors.size() + " Kustomizations failed, the first: " + errors.get(0));
            }
            long start = System.nanoTime();
            buildAlone(kustomize, alone, threads);
            long aloneMillis = (System.nanoTime() - start) / 1_000_000;
            return new Result(kustomizations, rendered.size(), renderMillis, aloneMillis, threads);
        }
    }

    /** Kustomize on each folder, as many at a time as the renderer builds them. */
    private static void buildAlone(Kustomize kustomize, List<Path> folders, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> builds = new ArrayList<>();
            for (Path folder : folders) {
                builds.add(pool.submit(() -> kustomize.build(folder)));
            }
            for (Future<String> build : builds) {
                build.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kustomize ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kustomize alone failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** App {@code i}'s folder and the Flux Kustomization that builds it into namespace {@code app-i}. */
    private static void declare(BenchFleet fleet, int i) throws IOException {
        writeApp(fleet.dir().resolve("apps/app-" + i));
        fleet.write("clusters/bench/app-" + i + ".yaml", """
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: app-%1$d
                  namespace: flux-system
                spec:
                  interval: 10m
                  sourceRef:
                    kind: GitRepository
                    name: flux-system
                  path: ./apps/app-%1$d
                  prune: true
                  targetNamespace: app-%1$d
                  namePrefix: bench-
                  images:
                    - name: registry.example.com/web
                      newTag: "1.%1$d.0"
                  patches:
                    - target:
                        kind: Deployment
                      patch: |
                        - op: replace
                          path: /spec/replicas
                          value: 2
                """.formatted(i));
    }

    private static Path writeApp(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                labels:
                  - pairs:
                      app.kubernetes.io/part-of: bench
                resources:
                  - deployment.yaml
                  - service.yaml
                configMapGenerator:
                  - name: settings
                    literals:
                      - LEVEL=info
                """);
        Files.writeString(folder.resolve("deployment.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/web:1.0.0
                          envFrom:
                            - configMapRef:
                                name: settings
                """);
        Files.writeString(folder.resolve("service.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                    - port: 80
                """);
        return folder;
    }
}
