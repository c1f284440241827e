/**
 * The sources being watched: each fetched on its poll interval or when a webhook asks, one round at a time, its
 * new commits handed to the {@link io.flotilla.gitwatcher.sync.CommitTopic}. Every instance knows every source; only
 * the one holding a source's lease ({@link io.flotilla.gitwatcher.lease}) polls, fetches and publishes it.
 */
package io.flotilla.gitwatcher.sync;
