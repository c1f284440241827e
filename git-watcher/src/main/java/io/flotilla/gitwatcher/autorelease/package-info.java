/**
 * Auto-release commits: the edits of {@code ImageTagFound} events written back to Git. Edits that arrive within
 * {@code flotilla.git.auto-release.window} for one source and branch become one commit ({@link ReleaseBatches});
 * each edit changes the bytes of one YAML scalar and nothing else ({@link YamlScalars}, {@link ScalarText},
 * {@link FileEdits}); the commit is built on the branch head in the source's bare mirror ({@link EditedCommit}),
 * optionally signed ({@link OpenPgpSigner}), and pushed with the source's credentials ({@link ReleasePush}); a push
 * the remote rejects because someone pushed meanwhile is re-applied on the new head ({@link AutoReleaseWriter}).
 * The pushed commit then reaches the {@code commits} topic the usual way: the source's next fetch.
 */
package io.flotilla.gitwatcher.autorelease;
