package io.flotilla.testing.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git repository in a folder (non-bare, branch {@code main}), for tests and for the local launcher's
 * working repository. Files are written into the work tree; {@link #commit(String)} stages every change,
 * deletions included, and returns the new commit's sha.
 */
public final class GitRepo implements AutoCloseable {

    public static final String BRANCH = "main";

    private static final PersonIdent AUTHOR = new PersonIdent("Flotilla Tests", "tests@flotilla.io");

    private final Git git;
    private final Path dir;

    private GitRepo(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** Creates a repository in {@code dir} (created if missing), or opens the one already there. */
    public static GitRepo init(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            if (Files.isDirectory(absolute.resolve(".git"))) {
                return new GitRepo(Git.open(absolute.toFile()), absolute);
            }
            return new GitRepo(Git.init().setDirectory(absolute.toFile()).setInitialBranch(BRANCH).call(), absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Git repository in " + absolute, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot create a Git repository in " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Writes (creates or replaces) a file; {@code path} is relative to the repository root, with {@code /}. */
    public GitRepo write(String path, String content) {
        Path file = file(path);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + " in " + dir, e);
        }
        return this;
    }

    /**
     * Copies the content of folder {@code source} into {@code targetPath} ("" or "." for the root), leaving out
     * a {@code .git} folder so a repository can be copied as plain files.
     */
    public GitRepo copyFrom(Path source, String targetPath) {
        Path target = targetPath.isEmpty() || targetPath.equals(".") ? dir : file(targetPath);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files.filter(f -> !isGitMetadata(source.relativize(f)))::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + targetPath + " in " + dir, e);
        }
        return this;
    }

    /** Deletes a file or a whole folder from the work tree; the next commit records the deletion. */
    public GitRepo delete(String path) {
        Path target = file(path);
        if (!Files.exists(target)) {
            throw new IllegalArgumentException(path + " does not exist in " + dir);
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + " in " + dir, e);
        }
        return this;
    }

    /** Commits every change in the work tree (additions, modifications, deletions); returns the commit's sha. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(AUTHOR)
                    .setCommitter(AUTHOR)
                    .setAllowEmpty(true)
                    .setSign(false)
                    .call();
            return commit.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The sha {@code main} points to, or null before the first commit. */
    public String head() {
        try {
            var head = git.getRepository().resolve("refs/heads/" + BRANCH);
            return head == null ? null : head.getName();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BRANCH + " in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** A {@code file:} URI any Git client can clone from. */
    public URI uri() {
        return dir.toUri();
    }

    @Override
    public void close() {
        git.close();
    }

    private static boolean isGitMetadata(Path relative) {
        return relative.getNameCount() > 0 && relative.getName(0).toString().equals(".git");
    }

    private Path file(String path) {
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new IllegalArgumentException(path + " is not a file path inside " + dir);
        }
        return file;
    }
}
