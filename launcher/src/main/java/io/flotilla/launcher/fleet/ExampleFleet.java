package io.flotilla.launcher.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.StoredConfig;

import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.StackException;

/**
 * The example fleet shipped under {@code examples/fleet}, turned into Git repositories the first time the stack
 * starts, as a Git host and a team member's checkout would hold them: a bare repository that Flotilla watches and
 * pushes its {@code Auto-release} commits to ({@code fleet.git}), and a clone of it to edit, commit and push from
 * ({@code fleet}), so a user's working tree is never written behind their back.
 */
public final class ExampleFleet {

    private static final java.util.regex.Pattern PLACEHOLDER =
            java.util.regex.Pattern.compile("https://git\\.example\\.com/[a-z0-9-]+/fleet");
    private static final String AUTHOR = "Flotilla";
    private static final String EMAIL = "flotilla@localhost";
    private static final String BRANCH = "main";

    private ExampleFleet() {
    }

    /**
     * The repository Flotilla watches, {@code <checkout>.git}, and the checkout {@code checkout} cloned from it:
     * created from {@code example} unless they exist already.
     *
     * @return the watched (bare) repository
     */
    public static Path prepare(Path example, Path checkout) {
        Path watched = checkout.resolveSibling(checkout.getFileName() + ".git");
        if (Files.isDirectory(watched)) {
            return watched;
        }
        if (!Files.isDirectory(example)) {
            throw new StackException("the example fleet " + example + " is missing; pass --repo to watch your own");
        }
        try {
            Git.init().setBare(true).setDirectory(watched.toFile()).setInitialBranch(BRANCH).call().close();
            Folders.deleteRecursively(checkout);
            try (Git git = Git.init().setDirectory(checkout.toFile()).setInitialBranch(BRANCH).call()) {
                copy(example, checkout);
                pointAt(checkout, watched);
                git.add().addFilepattern(".").call();
                git.commit().setMessage("Example fleet").setAuthor(AUTHOR, EMAIL).setCommitter(AUTHOR, EMAIL)
                        .setSign(false).call();
                StoredConfig config = git.getRepository().getConfig();
                config.setString("remote", "origin", "url", watched.toUri().toString());
                config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
                config.setString("branch", BRANCH, "remote", "origin");
                config.setString("branch", BRANCH, "merge", "refs/heads/" + BRANCH);
                config.save();
                git.push().setRemote("origin").add(BRANCH).call();
            }
            return watched;
        } catch (IOException | GitAPIException e) {
            throw new StackException("cannot create the example fleet repositories " + watched + " and " + checkout
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The example YAML names its own repository with a placeholder URL ({@code https://git.example.com/<team>/fleet});
     * the copy names the folder it was written to, so its charts come from the watched repository itself.
     */
    public static void pointAtItself(Path repository) {
        pointAt(repository, repository);
    }

    /** Rewrites the placeholder URL in {@code repository}'s YAML files to {@code watched}. */
    private static void pointAt(Path repository, Path watched) {
        try (var paths = Files.walk(repository)) {
            for (Path file : paths.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                String pointed = PLACEHOLDER.matcher(text).replaceAll(
                        java.util.regex.Matcher.quoteReplacement(watched.toString()));
                if (!pointed.equals(text)) {
                    Files.writeString(file, pointed);
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot rewrite the repository URLs in " + repository + ": " + e.getMessage(), e);
        }
    }

    /** Copies the folder tree {@code from} into {@code to}, replacing files that are there. */
    public static void copy(Path from, Path to) throws IOException {
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
