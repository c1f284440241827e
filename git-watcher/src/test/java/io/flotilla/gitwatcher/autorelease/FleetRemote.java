package io.flotilla.gitwatcher.autorelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.flotilla.testing.git.GitRepo;

/**
 * A fleet repository as a Git host keeps it: bare, served over HTTP, pushed to by a person from a clone of their
 * own, and read back by the test as anyone would after a fetch.
 */
public final class FleetRemote implements AutoCloseable {

    private final Git bare;
    private final GitRepo person;
    private final String url;
    private final UsernamePasswordCredentialsProvider credentials;

    private FleetRemote(Git bare, GitRepo person, String url, UsernamePasswordCredentialsProvider credentials) {
        this.bare = bare;
        this.person = person;
        this.url = url;
        this.credentials = credentials;
    }

    /** A bare repository in {@code served/<name>} that takes pushes over HTTP; {@code personDir} is the person's clone. */
    public static FleetRemote create(Path served, String name, Path personDir, String url, String username,
            String password) {
        try {
            Git bare = Git.init().setBare(true).setInitialBranch(GitRepo.BRANCH)
                    .setDirectory(served.resolve(name).toFile()).call();
            StoredConfig config = bare.getRepository().getConfig();
            config.setBoolean("http", null, "receivepack", true);
            config.save();
            return new FleetRemote(bare, GitRepo.init(personDir), url,
                    new UsernamePasswordCredentialsProvider(username, password));
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("cannot create the served repository " + name + ": " + e.getMessage(), e);
        }
    }

    /** The person writes a file, commits and pushes; returns the commit. */
    public String push(String path, String content, String message) {
        String sha = person.write(path, content).commit(message);
        try (Git git = Git.open(person.dir().toFile())) {
            git.push().setRemote(url).setCredentialsProvider(credentials)
                    .setRefSpecs(new RefSpec("refs/heads/" + GitRepo.BRANCH + ":refs/heads/" + GitRepo.BRANCH)).call();
        } catch (GitAPIException | IOException e) {
            throw new IllegalStateException("the person's push to " + url + " failed: " + e.getMessage(), e);
        }
        return sha;
    }

    /** From now on the host refuses every push (403), as it does to a token that may read but not write. */
    public void refusePushes() {
        StoredConfig config = bare.getRepository().getConfig();
        config.setBoolean("http", null, "receivepack", false);
        try {
            config.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The served branch's head. */
    public String head() {
        try {
            return bare.getRepository().resolve("refs/heads/" + GitRepo.BRANCH).name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RevCommit commit(String sha) {
        try (RevWalk walk = new RevWalk(bare.getRepository())) {
            RevCommit commit = walk.parseCommit(bare.getRepository().resolve(sha));
            walk.parseBody(commit);
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's text at a commit. */
    public String file(String sha, String path) {
        Repository repository = bare.getRepository();
        try (TreeWalk walk = TreeWalk.forPath(repository, path, commit(sha).getTree())) {
            return new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files a commit changed from its first parent. */
    public List<String> changedFiles(String sha) {
        RevCommit commit = commit(sha);
        try (RevWalk commits = new RevWalk(bare.getRepository());
                TreeWalk walk = new TreeWalk(bare.getRepository())) {
            walk.addTree(commits.parseCommit(commit.getParent(0)).getTree());
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            List<String> changed = new ArrayList<>();
            for (DiffEntry entry : DiffEntry.scan(walk)) {
                changed.add(entry.getNewPath());
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Repository repository() {
        return bare.getRepository();
    }

    @Override
    public void close() {
        person.close();
        bare.close();
    }
}
