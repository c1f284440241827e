package io.flotilla.applier.drift;

import java.util.List;
import java.util.Map;

import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;

/** The rendered objects of a revision that drift was found in, to be applied again as they were rendered. */
public final class DriftedObjects {

    private DriftedObjects() {
    }

    /** The rendered objects that drifted ({@link ObjectRef#isRenderedAs}). */
    public static List<Map<String, Object>> select(List<Map<String, Object>> rendered, DriftFound drift) {
        return rendered.stream().filter(object -> drift.objects().stream()
                .anyMatch(drifted -> drifted.object().isRenderedAs(object, drift.release().namespace()))).toList();
    }
}
