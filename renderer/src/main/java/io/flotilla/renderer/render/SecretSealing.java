package io.flotilla.renderer.render;

import java.util.List;
import java.util.Map;

import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SecretObjects;

/**
 * What the renderer does to the data of the Secrets it rendered before they leave it: sealed with the service's key
 * ring, so that they never travel or rest in clear. Only renderings that are never published (a test of rendering
 * alone, a benchmark of Helm), and a stack measuring what sealing costs ({@code flotilla.renderer.seal-secrets=false}),
 * keep them as rendered.
 */
public final class SecretSealing {

    private final KeyRing keys;

    private SecretSealing(KeyRing keys) {
        this.keys = keys;
    }

    /** Seals with {@code keys}' current key. */
    public static SecretSealing with(KeyRing keys) {
        return new SecretSealing(keys);
    }

    /** Leaves Secrets as rendered: for renderings that are never published. */
    public static SecretSealing none() {
        return new SecretSealing(null);
    }

    /** @param releaseNamespace the release's namespace, where its Secrets that name none are applied */
    List<Map<String, Object>> apply(List<Map<String, Object>> objects, String releaseNamespace) {
        return keys == null ? objects : SecretObjects.seal(objects, keys, releaseNamespace);
    }
}
