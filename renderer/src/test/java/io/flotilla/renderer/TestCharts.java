package io.flotilla.renderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;

/** Our test charts (src/test/resources/charts) as Helm packages them, for chart repositories and registries. */
public final class TestCharts {

    private TestCharts() {
    }

    /** Test chart {@code name} packaged by Helm as {@code version} into {@code dir}, as {@code <name>-<version>.tgz}. */
    public static Path packaged(String name, String version, Path dir) {
        try {
            Path copy = dir.resolve("src-" + name + "-" + version).resolve(name);
            Path source = ConfigRepository.testChart(name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Path chartFile = copy.resolve("Chart.yaml");
            Files.writeString(chartFile, Files.readString(chartFile).replaceAll("(?m)^version: .*$",
                    "version: " + version));
            new Helm(copy).packageIt().withDestination(dir).call();
            return dir.resolve(name + "-" + version + ".tgz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
