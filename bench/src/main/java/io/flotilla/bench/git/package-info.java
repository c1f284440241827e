/**
 * What the git-watcher benchmark serves: a repository with a long history written object by object, and {@code git
 * daemon} serving it as a Git host would.
 */
package io.flotilla.bench.git;
