package io.flotilla.imageupdater.declaration;

import java.util.List;

/**
 * A Flux v2 setter marker ({@code # {"$imagepolicy": "ns:policy:tag"}}) at the end of a value's line: the policy it
 * names ({@code ns/policy}), what the value holds of the image, and the value (file, document, path, what it reads,
 * its line from 1).
 */
public record SetterMarker(String policy, ValueForm form, String file, int document, List<String> path,
        String current, int line) {

    public SetterMarker {
        path = List.copyOf(path);
    }
}
