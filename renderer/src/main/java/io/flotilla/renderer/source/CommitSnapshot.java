package io.flotilla.renderer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit, read straight from Git's object database: nothing is checked out. Paths are
 * relative to the repository root with {@code /}; the root folder is {@code ""}. Only regular files count:
 * symbolic links and submodules are left out, since a chart or a manifest cannot be one.
 */
public final class CommitSnapshot {

    private static final int SHORT_SHA = 7;

    private final String location;
    private final Repository repository;
    private final String sha;
    private final NavigableMap<String, ObjectId> files;
    private final Map<String, ObjectId> folders;

    private CommitSnapshot(String location, Repository repository, String sha, NavigableMap<String, ObjectId> files,
            Map<String, ObjectId> folders) {
        this.location = location;
        this.repository = repository;
        this.sha = sha;
        this.files = files;
        this.folders = folders;
    }

    static CommitSnapshot read(String location, Repository repository, ObjectId commitId) throws IOException {
        NavigableMap<String, ObjectId> files = new TreeMap<>();
        Map<String, ObjectId> folders = new HashMap<>();
        try (RevWalk revWalk = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
            RevCommit commit = revWalk.parseCommit(commitId);
            folders.put("", commit.getTree().getId());
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (walk.isSubtree()) {
                    folders.put(walk.getPathString(), walk.getObjectId(0));
                    walk.enterSubtree();
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    files.put(walk.getPathString(), walk.getObjectId(0));
                }
            }
        }
        return new CommitSnapshot(location, repository, commitId.getName(), files, folders);
    }

    /** The repository as the git-watcher or a HelmRelease names it: a URL or a local path. */
    public String location() {
        return location;
    }

    public String sha() {
        return sha;
    }

    /** The abbreviation users see in messages. */
    public String shortSha() {
        return sha.substring(0, SHORT_SHA);
    }

    /** Every file of the commit, sorted by path. */
    public NavigableMap<String, ObjectId> files() {
        return Collections.unmodifiableNavigableMap(files);
    }

    public boolean isFile(String path) {
        return files.containsKey(path);
    }

    /** The Git tree id of a folder: it changes exactly when something in the folder changes. */
    public Optional<ObjectId> folderId(String folder) {
        return Optional.ofNullable(folders.get(folder));
    }

    public String readText(String path) {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    public byte[] read(String path) {
        ObjectId blob = files.get(path);
        if (blob == null) {
            throw new IllegalArgumentException(path + " is not a file at " + shortSha());
        }
        try (ObjectReader reader = repository.newObjectReader()) {
            return reader.open(blob).getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " at " + shortSha(), e);
        }
    }

    /** Writes the files of {@code folder} (and of its subfolders) under {@code target}. */
    public void copyFolder(String folder, Path target) throws IOException {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        try (ObjectReader reader = repository.newObjectReader()) {
            for (Map.Entry<String, ObjectId> file : files.tailMap(prefix, true).entrySet()) {
                if (!file.getKey().startsWith(prefix)) {
                    break;
                }
                Path destination = target.resolve(file.getKey().substring(prefix.length()));
                Files.createDirectories(destination.getParent());
                Files.write(destination, reader.open(file.getValue()).getBytes());
            }
        }
    }
}
