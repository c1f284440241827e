package io.flotilla.gitwatcher.autorelease;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.flotilla.events.ImageTagFound.ImageEdit;

/**
 * The edits made as one commit on top of {@code base}, in a bare repository: each file's new blob in a tree built
 * in memory from the base's, never a working tree. No file changed, no commit: never an empty one.
 */
final class EditedCommit {

    /** The new commit and its message, when any file changed, and what became of each edit. */
    record Result(Optional<ObjectId> commit, String message, List<EditOutcome> outcomes) {
    }

    /** Who the commit is by, and its message once the changed edits are known. */
    interface Authorship {
        PersonIdent author();

        String message(List<EditOutcome> changed);
    }

    private EditedCommit() {
    }

    static Result make(Repository repository, ObjectId base, List<ImageEdit> edits, Authorship authorship,
            OpenPgpSigner signer) {
        Map<String, List<ImageEdit>> byFile = new LinkedHashMap<>();
        edits.forEach(edit -> byFile.computeIfAbsent(edit.file(), file -> new ArrayList<>()).add(edit));
        List<EditOutcome> outcomes = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
            RevCommit parent = walk.parseCommit(base);
            ObjectReader reader = walk.getObjectReader();
            Map<String, ObjectId> newBlobs = new LinkedHashMap<>();
            for (Map.Entry<String, List<ImageEdit>> file : byFile.entrySet()) {
                Optional<byte[]> content = read(reader, parent, file.getKey());
                if (content.isEmpty()) {
                    file.getValue().forEach(edit -> outcomes.add(EditOutcome.skipped(edit,
                            "the file does not exist at " + parent.abbreviate(10).name())));
                    continue;
                }
                FileEdits.Result edited = FileEdits.apply(content.get(), file.getValue());
                outcomes.addAll(edited.outcomes());
                edited.content().ifPresent(bytes -> newBlobs.put(file.getKey(), insertBlob(inserter, bytes)));
            }
            if (newBlobs.isEmpty()) {
                return new Result(Optional.empty(), null, outcomes);
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree(reader, inserter, parent, newBlobs));
            commit.setParentId(parent);
            PersonIdent author = authorship.author();
            commit.setAuthor(author);
            commit.setCommitter(author);
            List<EditOutcome> changed = outcomes.stream().filter(o -> o.result() == EditOutcome.Result.CHANGED).toList();
            String message = authorship.message(changed);
            commit.setMessage(message);
            if (signer != null) {
                signer.sign(commit);
            }
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return new Result(Optional.of(id), message, outcomes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Auto-release commit on " + base.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static Optional<byte[]> read(ObjectReader reader, RevCommit commit, String path) throws IOException {
        try (TreeWalk file = TreeWalk.forPath(reader, path, commit.getTree())) {
            if (file == null || (file.getRawMode(0) & 0170000) != 0100000) {
                return Optional.empty();
            }
            return Optional.of(reader.open(file.getObjectId(0), Constants.OBJ_BLOB).getBytes());
        }
    }

    private static ObjectId insertBlob(ObjectInserter inserter, byte[] bytes) {
        try {
            return inserter.insert(Constants.OBJ_BLOB, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base's tree with the new blobs in place; file modes (an executable bit) are kept. */
    private static ObjectId tree(ObjectReader reader, ObjectInserter inserter, RevCommit base,
            Map<String, ObjectId> newBlobs) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base.getTree());
        builder.finish();
        DirCacheEditor editor = index.editor();
        newBlobs.forEach((path, blob) -> editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setObjectId(blob);
            }
        }));
        editor.finish();
        return index.writeTree(inserter);
    }
}
