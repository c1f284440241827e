package io.flotilla.testing.sops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command lines the SOPS fixtures drive, failing with what they printed. */
final class Commands {

    private static final long TIMEOUT_SECONDS = 180;

    private Commands() {
    }

    static String run(List<String> command, byte[] input, Path directory, String advice) {
        return run(command, input, directory, Map.of(), advice);
    }

    static String run(List<String> command, byte[] input, Path directory, Map<String, String> environment,
            String advice) {
        try {
            Path output = Files.createTempFile("sops-fixture-", ".out");
            Path errors = Files.createTempFile("sops-fixture-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(errors.toFile());
                builder.environment().putAll(environment);
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                Process process;
                try {
                    process = builder.start();
                } catch (IOException e) {
                    throw new IllegalStateException(command.get(0) + " cannot be run: " + advice, e);
                }
                process.getOutputStream().write(input);
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took over " + TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited with "
                            + process.exitValue() + ": " + Files.readString(errors, StandardCharsets.UTF_8));
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
