package io.flotilla.renderer.kustomize;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The kustomize the renderer runs: the one configured ({@code flotilla.renderer.kustomize}, a {@code kustomize} or a
 * {@code kubectl} executable), else {@code kustomize} on the PATH, else {@code kubectl kustomize}. Found once, at
 * start; when there is none, every build fails with the reason and everything else renders.
 */
public final class Kustomize {

    private static final Logger LOG = Logger.getLogger(Kustomize.class);
    /** Far longer than any build of a repository's folders takes; a build past it fails its release. */
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);

    /** The command before the folder to build; empty when no kustomize was found. */
    private final List<String> command;
    private final String missing;

    private Kustomize(List<String> command, String missing) {
        this.command = command;
        this.missing = missing;
    }

    /** @param configured the executable to use ({@code flotilla.renderer.kustomize}); empty to look on the PATH */
    public static Kustomize find(Optional<String> configured) {
        Kustomize found = configured.map(Kustomize::configured).orElseGet(Kustomize::onPath);
        if (found.missing != null) {
            LOG.errorf("no kustomize: %s. Folders with a kustomization.yaml and Flux Kustomizations fail until one"
                    + " is installed; everything else renders", found.missing);
        } else {
            LOG.infof("kustomize builds run as: %s", String.join(" ", found.command));
        }
        return found;
    }

    private static Kustomize configured(String executable) {
        Path path = Path.of(executable);
        if (!Files.isExecutable(path)) {
            Optional<Path> onPath = onPath(executable);
            if (onPath.isEmpty()) {
                return new Kustomize(List.of(), "'" + executable
                        + "' (flotilla.renderer.kustomize) is not an executable file nor on the PATH");
            }
            path = onPath.get();
        }
        return new Kustomize(commandOf(path), null);
    }

    private static Kustomize onPath() {
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return new Kustomize(commandOf(kustomize.get()), null);
        }
        return onPath("kubectl").map(kubectl -> new Kustomize(commandOf(kubectl), null))
                .orElseGet(() -> new Kustomize(List.of(), "neither kustomize nor kubectl is on the PATH; install one,"
                        + " or name it in flotilla.renderer.kustomize"));
    }

    private static List<String> commandOf(Path executable) {
        String name = executable.getFileName().toString();
        return name.startsWith("kubectl") ? List.of(executable.toString(), "kustomize")
                : List.of(executable.toString(), "build");
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether a build can run at all. */
    public boolean available() {
        return missing == null;
    }

    /** How builds run, for the benchmark and the logs: {@code kubectl kustomize}, {@code kustomize build}. */
    public List<String> command() {
        return command;
    }

    /**
     * The YAML stream kustomize builds from {@code folder}, with kustomize's default load restrictions: the files a
     * kustomization reads are inside its own folder, other folders come in as bases, resources or components.
     *
     * @throws KustomizeException with kustomize's own message when it refuses, or when there is no kustomize
     */
    public String build(Path folder) throws KustomizeException {
        if (missing != null) {
            throw new KustomizeException("cannot build with kustomize: " + missing);
        }
        List<String> arguments = new ArrayList<>(command);
        arguments.add(folder.toString());
        try {
            Path output = Files.createTempFile(folder.getParent(), "kustomize-", ".out");
            Path errors = Files.createTempFile(folder.getParent(), "kustomize-", ".err");
            try {
                Process process = new ProcessBuilder(arguments).directory(folder.toFile())
                        .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
                if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new KustomizeException("kustomize took longer than " + BUILD_TIMEOUT.toMinutes()
                            + " minutes");
                }
                if (process.exitValue() != 0) {
                    String message = Files.readString(errors, StandardCharsets.UTF_8).strip()
                            .replace(folder.toString() + "/", "").replace(folder.toString(), ".");
                    throw new KustomizeException("kustomize refused it: " + message);
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new KustomizeException("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KustomizeException("interrupted while kustomize ran");
        }
    }
}
