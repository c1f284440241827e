package io.flotilla.bench.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import io.flotilla.events.CommitDetected;
import io.flotilla.renderer.chart.FileTrees;

/**
 * The benchmark's config repository: a real Git repository in a folder, the application chart the benchmark
 * renders (packaged with the renderer, so that the benchmark runs from the packaged service), and the
 * {@code CommitDetected} the git-watcher would emit for each commit.
 */
final class BenchFleet implements AutoCloseable {

    static final String CHART_RESOURCE = "/bench/webapp";
    private static final String BRANCH = "main";

    private final Git git;
    private final Path dir;
    private String head;

    private BenchFleet(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static BenchFleet in(Path dir) {
        try {
            return new BenchFleet(Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call(), dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create a Git repository in " + dir, e);
        }
    }

    /** Writes the benchmark chart (Deployment, Service, HPA, Ingress, ServiceAccount, ConfigMap) to {@code folder}. */
    static void copyChart(Path folder) {
        URL url = BenchFleet.class.getResource(CHART_RESOURCE);
        if (url == null) {
            throw new IllegalStateException("the benchmark chart " + CHART_RESOURCE
                    + " is missing from the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    FileTrees.copy(jar.getPath(CHART_RESOURCE), folder);
                }
            } else {
                FileTrees.copy(Path.of(uri), folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the benchmark chart to " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    BenchFleet write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    CommitDetected commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            PersonIdent author = new PersonIdent("Flotilla Benchmark", "bench@flotilla.invalid");
            RevCommit commit = git.commit().setMessage(message).setAuthor(author).setCommitter(author).call();
            CommitDetected detected = new CommitDetected(dir.toString(), BRANCH, commit.getName(), head, List.of(),
                    author.getName(), message, Instant.now());
            head = commit.getName();
            return detected;
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        git.close();
    }
}
