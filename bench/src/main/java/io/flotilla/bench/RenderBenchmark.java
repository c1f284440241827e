package io.flotilla.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.stack.ChildProcess;
import io.flotilla.launcher.stack.LocalStack;

/**
 * {@code ./flotilla bench --render-only [--releases N] [--render-threads T]}: the renderer's throughput against helm-java's template in a
 * plain loop, and a no-op commit. The benchmark, {@value #MAIN_CLASS}, runs in a JVM of its own on this
 * module's class path (the renderer's classes and the libraries it resolves), so that nothing measured before it
 * weighs on its heap or its JIT, and with the JVM options the local stack gives the renderer
 * ({@link LocalStack#SERVICE_JVM}: its collector and heap). Its {@code BENCH} lines are printed as they come.
 */
final class RenderBenchmark {

    static final String MAIN_CLASS = "io.flotilla.bench.render.RenderThroughput";
    private static final int DEFAULT_RELEASES = 1000;
    private static final int LINES_SHOWN_ON_FAILURE = 30;

    private RenderBenchmark() {
    }

    static int run(Path home, Arguments arguments, PrintStream out) {
        String classPath = System.getProperty("java.class.path");
        List<String> jvm = new ArrayList<>(LocalStack.SERVICE_JVM);
        jvm.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        List<String> command = ChildProcess.java(jvm, classPath, MAIN_CLASS,
                List.of(String.valueOf(arguments.intValue("releases", DEFAULT_RELEASES)),
                        String.valueOf(arguments.intValue("render-threads", 0))));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            Deque<String> lastLines = new ArrayDeque<>();
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = output.readLine()) != null; ) {
                    if (line.startsWith("BENCH")) {
                        out.println(line);
                    } else {
                        lastLines.addLast(line);
                        if (lastLines.size() > LINES_SHOWN_ON_FAILURE) {
                            lastLines.removeFirst();
                        }
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                out.println("bench --render-only: the benchmark failed (exit " + exit + "); its last lines:");
                lastLines.forEach(out::println);
            }
            return exit;
        } catch (IOException e) {
            out.println("bench --render-only: cannot start the benchmark: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
