package io.flotilla.imageupdater.scan;

/**
 * A tag a policy would have chosen but may not run, with its image's digest and why (unsigned, badly signed);
 * the policy chose among the others.
 */
public record SkippedTag(String tag, String digest, String reason) {
}
