package io.flotilla.gitwatcher.sync;

import io.flotilla.git.RemoteAccess;
import io.flotilla.gitwatcher.mirror.BareMirror;

/**
 * A watched source as a writer needs it: its name (for its status and a fetch after a push), the bare mirror of its
 * repository and the credentials the source is fetched with, which pushes use too.
 */
public record SourceAccess(String id, BareMirror mirror, RemoteAccess access) {
}
