package io.flotilla.bench.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.testing.process.ServerProcess;

/**
 * The benchmark's repositories served over {@code git://} by Git's own server, a process of its own as a Git
 * host is: the git-watcher does a client's work only, as it does against GitHub.
 */
public final class GitDaemon implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final Path base;
    private final ServerProcess server;
    private final int port;

    private GitDaemon(Path base, ServerProcess server, int port) {
        this.base = base;
        this.server = server;
        this.port = port;
    }

    public static GitDaemon serve(Path base, Path log) {
        int port = LocalPorts.free();
        try {
            return new GitDaemon(base, ServerProcess.start("git daemon", List.of("git", "daemon", "--reuseaddr",
                    "--export-all", "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port), log,
                    () -> !LocalPorts.canBind(port), START_LIMIT), port);
        } catch (IllegalStateException e) {
            throw new StackException("bench --git serves its repositories with 'git daemon' (is Git installed?): "
                    + e.getMessage(), e);
        }
    }

    public Path base() {
        return base;
    }

    public String url(String repository) {
        return "git://127.0.0.1:" + port + "/" + repository;
    }

    @Override
    public void close() {
        server.close();
    }
}
