/**
 * Tag policies, as Flux v1 filters ({@code glob:}, {@code semver:}, {@code regex:}) and Flux v2 ImagePolicies
 * ({@code semver}, {@code alphabetical}, {@code numerical}, {@code filterTags}) declare them: which of a
 * repository's tags a release should run.
 */
package io.flotilla.imageupdater.policy;
