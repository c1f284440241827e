package io.flotilla.bench.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

import io.flotilla.launcher.stack.Folders;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.testing.git.GitRepo;

/**
 * A bare repository with a long history, written object by object (blobs, trees, commits) rather than
 * through a work tree and an index: 10,000 commits take seconds, not the better part of an hour. Files
 * sit in {@value #FOLDERS} folders; each commit changes one file, in turn.
 */
public final class History implements AutoCloseable {

    /** The history's files are spread over this many folders. */
    public static final int FOLDERS = 50;

    private static final PersonIdent AUTHOR = new PersonIdent("Flotilla Bench", "bench@flotilla.io");

    private final Path dir;
    private final Repository repository;
    private final int filesPerFolder;
    private final int history;
    private final ObjectId[][] blobs;
    private final ObjectId[] folders = new ObjectId[FOLDERS];
    private ObjectId head;
    private int commits;

    private History(Path dir, Repository repository, int files, int history) {
        this.dir = dir;
        this.history = history;
        this.repository = repository;
        this.filesPerFolder = files / FOLDERS;
        this.blobs = new ObjectId[FOLDERS][filesPerFolder];
    }

    public static History create(Path dir, int files, int commits) {
        Folders.deleteRecursively(dir);
        try {
            Repository repository = Git.init().setBare(true).setDirectory(dir.toFile())
                    .setInitialBranch(GitRepo.BRANCH).call().getRepository();
            History history = new History(dir, repository, files, commits);
            history.write(commits);
            // Packed, as a Git server keeps its repositories.
            Git.wrap(repository).gc().setAggressive(false).call();
            return history;
        } catch (GitAPIException | IOException e) {
            throw new StackException("cannot build the benchmark repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public ObjectId head() {
        return head;
    }

    public int commits() {
        return commits;
    }

    /** One more commit changing the next file in turn, on {@code main}; returns its id. */
    public ObjectId commitChange(String message) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId commit = change(inserter, commits, message);
            inserter.flush();
            moveMain(commit);
            return commit;
        } catch (IOException e) {
            throw new StackException("cannot commit to " + dir + ": " + e.getMessage(), e);
        }
    }

    private void write(int count) throws IOException {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            for (int folder = 0; folder < FOLDERS; folder++) {
                for (int file = 0; file < filesPerFolder; file++) {
                    blobs[folder][file] = blob(inserter, folder, file, 0);
                }
                folders[folder] = folderTree(inserter, folder);
            }
            head = commit(inserter, rootTree(inserter), FOLDERS * filesPerFolder + " files to start with");
            commits = 1;
            ObjectId last = head;
            for (int i = 1; i < count; i++) {
                last = change(inserter, i, "Change " + i);
            }
            inserter.flush();
            moveMain(last);
        }
    }

    private ObjectId change(ObjectInserter inserter, int revision, String message) throws IOException {
        int index = revision % (FOLDERS * filesPerFolder);
        int folder = index / filesPerFolder;
        int file = index % filesPerFolder;
        blobs[folder][file] = blob(inserter, folder, file, revision);
        folders[folder] = folderTree(inserter, folder);
        head = commit(inserter, rootTree(inserter), message);
        commits++;
        return head;
    }

    private ObjectId blob(ObjectInserter inserter, int folder, int file, int revision) throws IOException {
        String content = "app: app-%02d\nfile: %03d\nrevision: %d\n".formatted(folder, file, revision);
        return inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Entries in name order, as Git requires; the zero-padded names sort as their numbers. */
    private ObjectId folderTree(ObjectInserter inserter, int folder) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (int file = 0; file < filesPerFolder; file++) {
            tree.append("config-%03d.yaml".formatted(file), FileMode.REGULAR_FILE, blobs[folder][file]);
        }
        return inserter.insert(tree);
    }

    private ObjectId rootTree(ObjectInserter inserter) throws IOException {
        TreeFormatter tree = new TreeFormatter();
        for (int folder = 0; folder < FOLDERS; folder++) {
            tree.append("app-%02d".formatted(folder), FileMode.TREE, folders[folder]);
        }
        return inserter.insert(tree);
    }

    /** The history is spread over the past, a minute apart, as a real one is; later pushes are made now. */
    private ObjectId commit(ObjectInserter inserter, ObjectId tree, String message) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (head != null) {
            commit.setParentId(head);
        }
        PersonIdent when = new PersonIdent(AUTHOR, Instant.now().minus(Duration.ofMinutes(Math.max(0, history - commits))));
        commit.setAuthor(when);
        commit.setCommitter(when);
        commit.setMessage(message);
        return inserter.insert(commit);
    }

    private void moveMain(ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(Constants.R_HEADS + GitRepo.BRANCH);
        update.setNewObjectId(commit);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
            throw new IOException("main could not move to " + commit.name() + ": " + result);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
