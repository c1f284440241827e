package io.flotilla.renderer.source;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

import io.flotilla.renderer.version.VersionRange;

/** The commit a {@link GitRef} names in a clone; tags are peeled to the commit they point at. */
final class GitRefs {

    private GitRefs() {
    }

    static Optional<ObjectId> resolve(Repository clone, GitRef ref) throws IOException {
        return switch (ref.kind()) {
            case BRANCH -> commitOf(clone, clone.exactRef(Constants.R_HEADS + ref.value()));
            case TAG -> commitOf(clone, clone.exactRef(Constants.R_TAGS + ref.value()));
            case SEMVER -> highestTag(clone, ref.value());
            case COMMIT -> commit(clone, ref.value());
            case NAME -> byName(clone, ref.value());
        };
    }

    private static Optional<ObjectId> byName(Repository clone, String name) throws IOException {
        for (String prefix : List.of("", Constants.R_HEADS, Constants.R_TAGS)) {
            Optional<ObjectId> commit = commitOf(clone, clone.exactRef(prefix + name));
            if (commit.isPresent()) {
                return commit;
            }
        }
        return commit(clone, name);
    }

    private static Optional<ObjectId> highestTag(Repository clone, String range) throws IOException {
        Map<String, Ref> tags = new HashMap<>();
        for (Ref tag : clone.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            tags.put(tag.getName().substring(Constants.R_TAGS.length()), tag);
        }
        Optional<String> highest = new VersionRange(range).highest(tags.keySet());
        return highest.isEmpty() ? Optional.empty() : commitOf(clone, tags.get(highest.get()));
    }

    private static Optional<ObjectId> commit(Repository clone, String sha) throws IOException {
        try {
            ObjectId id = ObjectId.fromString(sha);
            return clone.getObjectDatabase().has(id) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<ObjectId> commitOf(Repository clone, Ref ref) throws IOException {
        if (ref == null || ref.getObjectId() == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(clone)) {
            return Optional.of(walk.parseCommit(ref.getObjectId()).getId());
        }
    }
}
