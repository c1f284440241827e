/**
 * What a new head means: the {@code CommitDetected} to emit and the paths changed since the last commit emitted,
 * read from the mirror alone.
 */
package io.flotilla.gitwatcher.commit;
