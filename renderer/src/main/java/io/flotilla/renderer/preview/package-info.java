/**
 * Previews of a branch or pull request: its commit rendered for every cluster it targets as a commit of the watched
 * branch would be, by a renderer of its own that never publishes on the rendered topic, and compared with what the
 * renderer of the watched branch last published there.
 */
package io.flotilla.renderer.preview;
