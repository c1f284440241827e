/**
 * Previews: a pull request's head, or a branch the polls find, asked to be rendered against what runs and never
 * applied ({@code PreviewRequested} on the {@code previews} topic). The head is fetched into the source's mirror
 * first, so that only a commit the repository really has is asked for.
 */
package io.flotilla.gitwatcher.preview;
