/**
 * What a user says about a source: its repository, the branch or tags it follows, its paths, secrets and
 * credentials, from the configuration ({@code flotilla.git.*}) or the API. A new way to choose a ref is a
 * {@link io.flotilla.gitwatcher.source.RefSelector}.
 */
package io.flotilla.gitwatcher.source;
