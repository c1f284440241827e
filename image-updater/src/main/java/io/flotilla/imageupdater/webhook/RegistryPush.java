package io.flotilla.imageupdater.webhook;

/**
 * A tag pushed to a registry, as its webhook tells: the registry host ({@code ghcr.io}, {@code 127.0.0.1:5000};
 * null when the payload does not say), the repository's name in it ({@code org/app}) and the tag.
 */
public record RegistryPush(String registry, String repository, String tag) {
}
