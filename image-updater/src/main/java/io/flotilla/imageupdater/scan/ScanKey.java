package io.flotilla.imageupdater.scan;

import io.flotilla.imageupdater.registry.ImageRepository;

/**
 * What is scanned as one: an image repository with the credentials it is read with ({@code secret}, an
 * ImageRepository's {@code secretRef}; null for the configured ones). Every policy following it shares its scan.
 */
public record ScanKey(ImageRepository repository, String secret) {

    @Override
    public String toString() {
        return repository + (secret == null ? "" : " (secret " + secret + ")");
    }
}
