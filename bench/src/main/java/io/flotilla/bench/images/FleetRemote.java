package io.flotilla.bench.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.URIish;

import io.flotilla.launcher.stack.StackException;
import io.flotilla.testing.git.GitRepo;

/**
 * The fleet repository as a Git host keeps it (a bare repository the stack watches and git-watcher pushes its
 * Auto-release commits to), and a team member's clone of it that commits on top of whatever the remote holds.
 */
public final class FleetRemote implements AutoCloseable {

    private static final PersonIdent TEAM = new PersonIdent("Bench Team", "team@flotilla.io");

    private final Path bare;
    private final Git clone;

    private FleetRemote(Path bare, Git clone) {
        this.bare = bare;
        this.clone = clone;
    }

    /** An empty remote in {@code dir/fleet.git} and a clone of it in {@code dir/clone}. */
    public static FleetRemote create(Path dir) {
        try {
            Path bare = dir.resolve("fleet.git");
            Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(GitRepo.BRANCH).call().close();
            Git clone = Git.init().setDirectory(dir.resolve("clone").toFile()).setInitialBranch(GitRepo.BRANCH).call();
            clone.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
            return new FleetRemote(bare, clone);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new StackException("cannot create the fleet repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Copies the folder {@code source} into the clone at {@code path}, for the next {@link #commit}. */
    public void copy(Path source, String path) {
        try (var files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = clone.getRepository().getWorkTree().toPath().resolve(path)
                        .resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " into the fleet clone", e);
        }
    }

    /**
     * Takes what the remote holds now, writes {@code files} (path to content) over it, commits and pushes: what a
     * person does after {@code git pull}. Returns the commit's sha.
     */
    public String commit(Map<String, String> files, String message) {
        try {
            if (head() != null) {
                clone.fetch().setRemote("origin").call();
                clone.reset().setMode(ResetCommand.ResetType.HARD).setRef("origin/" + GitRepo.BRANCH).call();
            }
            Path tree = clone.getRepository().getWorkTree().toPath();
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = tree.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            clone.add().addFilepattern(".").call();
            String sha = clone.commit().setMessage(message).setAuthor(TEAM).setCommitter(TEAM).setSign(false).call()
                    .getName();
            clone.push().setRemote("origin").add(GitRepo.BRANCH).call();
            return sha;
        } catch (GitAPIException e) {
            throw new StackException("cannot commit '" + message + "' to the fleet: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fleet clone's files", e);
        }
    }

    /** The sha the remote's branch points to; null before the first push. */
    public String head() {
        try (Repository repository = Git.open(bare.toFile()).getRepository()) {
            ObjectId head = repository.resolve("refs/heads/" + GitRepo.BRANCH);
            return head == null ? null : head.getName();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bare, e);
        }
    }

    /** The first line of the message of commit {@code sha} in the remote. */
    public String subject(String sha) {
        try (Repository repository = Git.open(bare.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(ObjectId.fromString(sha)).getShortMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + sha + " of " + bare, e);
        }
    }

    /** The remote's path, as the stack watches it and HelmReleases name it. */
    public Path path() {
        return bare;
    }

    @Override
    public void close() {
        clone.close();
    }
}
