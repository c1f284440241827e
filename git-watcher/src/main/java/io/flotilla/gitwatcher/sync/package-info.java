/**
 * The sources being watched: each fetched on its poll interval or when a webhook asks, one round at a time, its
 * new commits handed to the {@link io.flotilla.gitwatcher.sync.CommitTopic}.
 */
package io.flotilla.gitwatcher.sync;
