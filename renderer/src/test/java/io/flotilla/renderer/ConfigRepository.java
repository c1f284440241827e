package io.flotilla.renderer;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import io.flotilla.events.CommitDetected;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitRepo;

/**
 * A user's config repository for tests: a real Git repository with our test charts and release files, and
 * the {@code CommitDetected} the git-watcher would emit for each commit.
 */
public final class ConfigRepository implements AutoCloseable {

    private final GitRepo git;
    /** The last commit made, which the git-watcher would name as the next one's parent. */
    private String head;

    private ConfigRepository(GitRepo git) {
        this.git = git;
    }

    public static ConfigRepository in(Path dir) {
        return new ConfigRepository(GitRepo.init(dir));
    }

    /** Copies test chart {@code name} (src/test/resources/charts) to {@code targetPath}. */
    public ConfigRepository chart(String name, String targetPath) {
        git.copyFrom(testChart(name), targetPath);
        return this;
    }

    /** Copies the files of {@code folder} (binary ones too) to {@code targetPath}. */
    public ConfigRepository copy(Path folder, String targetPath) {
        git.copyFrom(folder, targetPath);
        return this;
    }

    /** Writes a file; {@link HelmReleaseYaml#THIS_REPOSITORY} in it becomes this repository's location. */
    public ConfigRepository write(String path, String content) {
        git.write(path, content.replace(HelmReleaseYaml.THIS_REPOSITORY, location()));
        return this;
    }

    /** Tags the last commit. */
    public ConfigRepository tag(String name) {
        try (Git repository = Git.open(git.dir().toFile())) {
            repository.tag().setName(name).setAnnotated(false).call();
            return this;
        } catch (IOException | GitAPIException e) {
            throw new IllegalStateException("cannot tag " + name + " in " + location(), e);
        }
    }

    public ConfigRepository delete(String path) {
        git.delete(path);
        return this;
    }

    public CommitDetected commit(String message) {
        String sha = git.commit(message);
        CommitDetected commit = new CommitDetected(location(), GitRepo.BRANCH, sha, head, List.of(),
                "Flotilla Tests", message, Instant.now());
        head = sha;
        return commit;
    }

    /** The repository as the git-watcher names it in events: here its local path. */
    public String location() {
        return git.dir().toString();
    }

    public static Path testChart(String name) {
        try {
            return Path.of(ConfigRepository.class.getResource("/charts/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test chart " + name, e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
