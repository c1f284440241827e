package io.flotilla.applier.ownership;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ReleaseKey;

/**
 * Whose an object on a cluster is, as its annotations say ({@link OwnershipMarks}).
 *
 * @param release    the {@code namespace/name} of the release that applied it; null when no release of Flotilla did
 * @param sourceFile the file that declares that release; null when the object does not say
 * @param adopted    the object was on the cluster before Flotilla applied it
 */
public record Owner(String release, String sourceFile, boolean adopted) {

    /** The owner {@code live}'s annotations name. */
    public static Owner of(ObjectMeta live) {
        Map<String, String> annotations = live.getAnnotations() == null ? Map.of() : live.getAnnotations();
        String release = annotations.get(OwnershipMarks.RELEASE);
        return new Owner(release == null || release.isBlank() ? null : release,
                annotations.get(OwnershipMarks.SOURCE_FILE), "true".equals(annotations.get(OwnershipMarks.ADOPTED)));
    }

    /** Whether a release of Flotilla applied the object. */
    public boolean marked() {
        return release != null;
    }

    public boolean is(ReleaseKey key) {
        return OwnershipMarks.releaseOf(key).equals(release);
    }

    /** {@code release apps/web (declared in releases/web.yaml)}, or without the file when the object names none. */
    public String describe() {
        return "release " + release + (sourceFile == null ? "" : " (declared in " + sourceFile + ")");
    }
}
