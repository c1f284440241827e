package io.flotilla.gitwatcher.source;

import org.eclipse.jgit.lib.Constants;

import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;
import io.flotilla.gitwatcher.mirror.Head;

/** One branch: the source stands at its head. */
public record BranchRef(String name) implements RefSelector {

    public BranchRef {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a branch needs a name");
        }
    }

    @Override
    public Head resolve(BareMirror mirror, RemoteAccess access) {
        return new Head(Constants.R_HEADS + name, mirror.fetch(name, access));
    }

    @Override
    public boolean movedBy(String ref) {
        return ref.equals(Constants.R_HEADS + name);
    }

    @Override
    public String positionKey() {
        return name;
    }

    @Override
    public String branch() {
        return name;
    }

    @Override
    public String toString() {
        return "branch " + name;
    }
}
