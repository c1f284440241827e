package io.flotilla.gitwatcher.commit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The file paths that differ between two trees, read from the object database alone. */
final class ChangedPaths {

    private ChangedPaths() {
    }

    /** Paths added, modified or deleted from {@code from} to {@code to}; a rename counts as both paths. */
    static List<String> between(Repository repository, RevTree from, RevTree to) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            walk.addTree(from);
            walk.addTree(to);
            return collect(walk);
        }
    }

    /** Every path of {@code tree}: what changed for someone who has seen nothing yet. */
    static List<String> all(Repository repository, RevTree tree) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.setRecursive(true);
            walk.addTree(tree);
            return collect(walk);
        }
    }

    private static List<String> collect(TreeWalk walk) throws IOException {
        List<String> paths = new ArrayList<>();
        while (walk.next()) {
            paths.add(walk.getPathString());
        }
        paths.sort(null);
        return paths;
    }
}
