package io.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.flotilla.bench.render.KustomizationThroughput;
import io.flotilla.launcher.cli.Arguments;

/**
 * {@code ./flotilla bench --kustomizations [--kustomizations N]}: N Flux Kustomizations (1,000) rendered by the
 * renderer's classes, against kustomize alone on the same folders; prints
 * {@code BENCH kustomizations=N render_s=.. kustomize_alone_s=.. ratio=..}.
 */
final class KustomizationBenchmark {

    private static final int DEFAULT_KUSTOMIZATIONS = 1000;

    private KustomizationBenchmark() {
    }

    static int run(Path home, Arguments arguments, PrintStream out) {
        try {
            Path work = Files.createTempDirectory("flotilla-kustomization-bench");
            KustomizationThroughput.run(work, arguments.intValue("kustomizations", DEFAULT_KUSTOMIZATIONS)).print(out);
            return 0;
        } catch (IOException | IllegalStateException e) {
            out.println("bench --kustomizations: " + e.getMessage());
            return 1;
        }
    }
}
