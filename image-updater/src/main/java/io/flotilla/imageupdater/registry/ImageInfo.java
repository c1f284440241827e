package io.flotilla.imageupdater.registry;

import java.time.Instant;

/**
 * What the registry says of one tag's image: its manifest digest (of the index, for a multi-platform image) and
 * when it was built (the {@code created} of its config, of the first platform for an index; null if the config
 * does not say).
 */
public record ImageInfo(String digest, Instant created) {
}
