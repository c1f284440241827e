package io.flotilla.imageupdater.declaration;

import java.util.Collection;

/** The files of one commit of a Git source: their paths (with {@code /}, from the root) and their text. */
public interface SourceFiles {

    Collection<String> paths();

    String read(String path);
}
