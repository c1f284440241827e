package io.flotilla.applier.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Where the objects of a release go, as {@code helm install -n} decides: a namespaced object
 * rendered without a namespace lands in the release's namespace; a cluster-scoped object has none,
 * as the API server would clear it anyway.
 */
public record ReleaseNamespace(String name) {

    public ReleaseNamespace {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a release namespace must not be blank");
        }
    }

    /** Sets the object's namespace in place and returns the object. */
    public <T extends HasMetadata> T place(T object, boolean namespaced) {
        if (!namespaced) {
            object.getMetadata().setNamespace(null);
        } else if (isBlank(object.getMetadata().getNamespace())) {
            object.getMetadata().setNamespace(name);
        }
        return object;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
