/**
 * What a preview posts to the Git host of its repository, through the sources of {@code flotilla.git-status} and
 * {@code delivery}: one Markdown comment per pull request ({@link io.flotilla.observer.previewreport.PreviewComment}),
 * created once and edited in place on every later push (its id kept in {@code preview_comment}), and the commit
 * status {@code flotilla/preview} of the head commit: pending when asked, success or failure when complete.
 */
package io.flotilla.observer.previewreport;
