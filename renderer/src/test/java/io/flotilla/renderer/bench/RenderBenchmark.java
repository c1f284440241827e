package io.flotilla.renderer.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.marcnuri.helm.Helm;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.HelmReleaseYaml;
import io.flotilla.renderer.render.CommitRenderer;

/**
 * Render throughput: a commit of N releases of an application chart (Deployment, Service, HPA, Ingress,
 * ServiceAccount, ConfigMap) through the renderer, against helm-java's template called in a plain loop on the
 * same chart and values, in the same run; then a commit that changes one release and one that changes none.
 * {@code ./flotilla bench --render-only} runs this class; {@code main} takes the number of releases (1000).
 */
public final class RenderBenchmark {

    private static final ClusterRef CLUSTER = new ClusterRef("bench", Map.of("env", "bench"));

    /** What one run measured. */
    public record Result(int releases, int rendered, long flotillaMillis, long helmMillis, int renderedAfterOneChange,
            int renderedAfterNoChange, long noChangeMillis) {

        public double ratio() {
            return helmMillis == 0 ? 0 : (double) flotillaMillis / helmMillis;
        }

        public void print(PrintStream out) {
            out.printf("render-only: %d releases rendered by Flotilla in %d ms (%.1f releases/s)%n", rendered,
                    flotillaMillis, rendered * 1000.0 / Math.max(1, flotillaMillis));
            out.printf("render-only: helm-java template, plain loop, %d releases in %d ms (%.1f releases/s)%n",
                    releases, helmMillis, releases * 1000.0 / Math.max(1, helmMillis));
            out.printf("render-only: ratio Flotilla / plain loop = %.2fx (target <= 1.2x)%n", ratio());
            out.printf("render-only: commit changing one release rendered %d; no-op commit rendered %d in %d ms"
                    + " (reading the commit, digests)%n", renderedAfterOneChange, renderedAfterNoChange,
                    noChangeMillis);
        }
    }

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int releases = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path work = Files.createTempDirectory("flotilla-render-bench");
        run(work, releases).print(System.out);
        System.exit(0);
    }

    public static Result run(Path work, int releases) throws IOException {
        try (ConfigRepository repo = ConfigRepository.in(work.resolve("fleet"));
                CommitRenderer renderer = new CommitRenderer(work.resolve("renderer"), () -> List.of(CLUSTER))) {
            repo.chart("webapp", "charts/webapp");
            List<Map<String, Object>> values = new ArrayList<>();
            for (int i = 0; i < releases; i++) {
                Map<String, Object> release = values(i, "1.0." + i);
                values.add(release);
                repo.write("common/app-" + i + ".yaml", HelmReleaseYaml.fluxV1("apps", "app-" + i, "charts/webapp",
                        "values:\n" + JsonMapper.builder().build().writeValueAsString(release).indent(2)));
            }
            CommitDetected all = repo.commit("releases");

            long start = System.nanoTime();
            int rendered = count(renderer.render(all));
            long flotillaMillis = (System.nanoTime() - start) / 1_000_000;

            long helmMillis = plainLoop(work, values);

            repo.write("common/app-0.yaml", HelmReleaseYaml.fluxV1("apps", "app-0", "charts/webapp", "values:\n"
                    + JsonMapper.builder().build().writeValueAsString(values(0, "2.0.0")).indent(2)));
            int afterOneChange = count(renderer.render(repo.commit("one release changes")));
            repo.write("README.md", "the fleet\n");
            CommitDetected noChange = repo.commit("nothing a release uses");
            start = System.nanoTime();
            int afterNoChange = count(renderer.render(noChange));
            long noChangeMillis = (System.nanoTime() - start) / 1_000_000;
            return new Result(releases, rendered, flotillaMillis, helmMillis, afterOneChange, afterNoChange,
                    noChangeMillis);
        }
    }

    /** helm-java's template on the same chart and values, one after the other, the way a plain loop would. */
    private static long plainLoop(Path work, List<Map<String, Object>> values) throws IOException {
        Path chart = ConfigRepository.testChart("webapp");
        Path valuesDir = Files.createDirectories(work.resolve("plain-loop"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Path file = valuesDir.resolve("values-" + i + ".json");
            JsonMapper.builder().build().writeValue(file.toFile(), values.get(i));
            files.add(file);
        }
        long start = System.nanoTime();
        for (int i = 0; i < values.size(); i++) {
            new Helm(chart).template().withName("apps-app-" + i).withNamespace("apps").withValuesFile(files.get(i))
                    .call();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Map<String, Object> values(int release, String tag) {
        return Map.of("image", Map.of("tag", tag), "ingress", Map.of("host", "app-" + release + ".example.com"));
    }

    private static int count(List<ReleaseRendered> rendered) {
        long failed = rendered.stream().filter(ReleaseRendered::failed).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " releases failed: " + rendered.stream()
                    .filter(ReleaseRendered::failed).findFirst().map(ReleaseRendered::error).orElse(""));
        }
        return rendered.size();
    }
}
