package io.flotilla.testing.helm;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code helm} command line, for what helm-java cannot do ({@code helm rollback}, {@code helm get all}): the
 * binary named by {@code -Dflotilla.helm}, else {@code helm} on the {@code PATH}. {@code .ci/run} installs one where a
 * machine has none; a test that needs it fails with that advice when it is missing.
 */
public final class HelmCli {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final Path kubeconfig;

    private HelmCli(Path binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    /** Helm against the clusters of {@code kubeconfig}. */
    public static HelmCli against(Path kubeconfig) {
        Path binary = Optional.ofNullable(System.getProperty("flotilla.helm")).map(Path::of).or(HelmCli::onPath)
                .orElseThrow(() -> new IllegalStateException("no helm command line: put helm on the PATH or name it"
                        + " with -Dflotilla.helm (.ci/run installs Helm's own binary where a machine has none)"));
        return new HelmCli(binary, kubeconfig);
    }

    /**
     * Runs {@code helm <args> --kubeconfig <kubeconfig>}; what it printed.
     *
     * @throws IllegalStateException with what Helm said, when it exits with another code than 0
     */
    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        try {
            Path output = Files.createTempFile("helm-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", args) + ": helm took over " + TIMEOUT_SECONDS
                            + " s");
                }
                String printed = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("helm " + String.join(" ", args) + " exited with "
                            + process.exitValue() + ": " + printed.strip());
                }
                return printed;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while helm ran", e);
        }
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "helm");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
