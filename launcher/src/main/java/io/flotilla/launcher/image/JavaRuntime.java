package io.flotilla.launcher.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.flotilla.launcher.stack.StackException;

/**
 * A Java runtime for the services' images, made by jlink from the JDK running this program: the modules of Java SE
 * that Quarkus, Kafka's client, JGit and Helm's binding use, without debug symbols, headers or manual pages. Made once
 * per JDK version into a cache folder.
 */
public final class JavaRuntime {

    /** Java SE's modules a service can reach, and the JDK ones Netty, TLS, DNS, zip file systems and JFR need. */
    static final List<String> MODULES = List.of("java.se", "jdk.unsupported", "jdk.crypto.ec", "jdk.crypto.cryptoki",
            "jdk.zipfs", "jdk.naming.dns", "jdk.management", "jdk.jfr", "jdk.management.jfr", "jdk.localedata");

    private JavaRuntime() {
    }

    /** The runtime in {@code cache}, made there first when missing. */
    public static Path in(Path cache) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path runtime = cache.resolve("java-runtime-" + Runtime.version().feature() + "-"
                + Runtime.version().toString().replaceAll("[^0-9A-Za-z.]", "_"));
        if (Files.isExecutable(runtime.resolve("bin").resolve("java"))) {
            return runtime;
        }
        Path jlink = javaHome.resolve("bin").resolve("jlink");
        Path jmods = javaHome.resolve("jmods");
        if (!Files.isExecutable(jlink) || !Files.isDirectory(jmods)) {
            throw new StackException("cannot make the images' Java runtime: " + javaHome + " has no jlink or no jmods"
                    + " (a full JDK is needed, such as Debian's openjdk-17-jdk-headless)");
        }
        Path partial = runtime.resolveSibling(runtime.getFileName() + ".partial");
        try {
            Files.createDirectories(cache);
            deleteRecursively(partial);
            List<String> command = new ArrayList<>(List.of(jlink.toString(), "--module-path", jmods.toString(),
                    "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files",
                    "--no-man-pages", "--compress=2", "--output", partial.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new StackException("jlink could not make the images' Java runtime: " + output.strip());
            }
            Files.move(partial, runtime);
            return runtime;
        } catch (IOException e) {
            throw new StackException("cannot make the images' Java runtime in " + cache + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while jlink made the images' Java runtime", e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
