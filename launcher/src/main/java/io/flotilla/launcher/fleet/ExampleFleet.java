package io.flotilla.launcher.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

import io.flotilla.launcher.stack.StackException;

/**
 * The example fleet shipped under {@code examples/fleet}, turned into a working Git repository the
 * first time the stack starts, so a user can edit, commit and watch the change arrive.
 */
public final class ExampleFleet {

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("https://git\\.example\\.com/[a-z0-9-]+/fleet");

    private ExampleFleet() {
    }

    /** The working repository at {@code target}: created from {@code example} unless it exists already. */
    public static Path prepare(Path example, Path target) {
        if (Files.isDirectory(target.resolve(".git"))) {
            return target;
        }
        if (!Files.isDirectory(example)) {
            throw new StackException("the example fleet " + example + " is missing; pass --repo to watch your own");
        }
        try {
            copy(example, target);
            pointAtItself(target);
            try (Git git = Git.init().setDirectory(target.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("Example fleet").setAuthor("Flotilla", "flotilla@localhost")
                        .setCommitter("Flotilla", "flotilla@localhost").setSign(false).call();
            }
            return target;
        } catch (IOException | GitAPIException e) {
            throw new StackException("cannot create the example fleet repository in " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The example YAML names its own repository with a placeholder URL ({@code https://git.example.com/<team>/fleet});
     * the copy names the folder it was written to, so its charts come from the watched repository itself.
     */
    public static void pointAtItself(Path repository) {
        try (var paths = Files.walk(repository)) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                String pointed = PLACEHOLDER.matcher(text).replaceAll(
                        java.util.regex.Matcher.quoteReplacement(repository.toString()));
                if (!pointed.equals(text)) {
                    Files.writeString(file, pointed);
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot rewrite the repository URLs in " + repository + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path destination = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
