package io.flotilla.applier.drift;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;

/** The rendered objects of a revision that drift was found in, to be applied again as they were rendered. */
public final class DriftedObjects {

    private DriftedObjects() {
    }

    /**
     * Rendered objects are matched by kind and name, and by namespace where they name one: one rendered
     * without a namespace went to the release's namespace.
     */
    public static List<Map<String, Object>> select(List<Map<String, Object>> rendered, DriftFound drift) {
        return rendered.stream().filter(object -> drift.objects().stream()
                .anyMatch(drifted -> matches(object, drifted.object(), drift.release().namespace()))).toList();
    }

    private static boolean matches(Map<String, Object> object, ObjectRef drifted, String releaseNamespace) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)) {
            return false;
        }
        Object namespace = metadata.get("namespace");
        boolean sameNamespace = drifted.namespace() == null || drifted.namespace().isEmpty()
                || drifted.namespace().equals(namespace == null ? releaseNamespace : namespace);
        return Objects.equals(object.get("kind"), drifted.kind()) && Objects.equals(metadata.get("name"), drifted.name())
                && sameNamespace;
    }
}
