package io.flotilla.observer.preview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.ReleaseKey;

/**
 * What a preview's commit does to one release on its cluster: added, changed or removed, and, once the applier
 * checked it, each object's change (refused ones first), what the API server refuses and why, and what breaks the
 * tenant's rules; or why it does not render (file, object, reason).
 *
 * @param checked     whether the applier's check came
 * @param renderError why the release does not render at this commit; null when it renders
 * @param checkError  why the applier could not compare it with its cluster; null otherwise
 * @param objects     the objects that change (unchanged ones left out), refused first
 */
public record ReleasePreview(String cluster, String namespace, String name, PreviewPlanned.Change change,
        String sourceFile, String renderError, boolean checked, String checkError,
        List<PreviewChecked.ObjectChange> objects, List<Refusal> refusals, List<String> violations,
        int unchangedObjects) {

    /** An object the API server refuses in a dry run, and its reason. */
    public record Refusal(String object, String reason) {
    }

    static ReleasePreview of(PreviewPlanned.PlannedRelease planned, PreviewChecked check) {
        ReleaseKey key = planned.release();
        List<PreviewChecked.ObjectChange> objects = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        int unchanged = 0;
        if (check != null) {
            for (PreviewChecked.ObjectChange object : check.objects()) {
                if (object.change() == PreviewChecked.Change.UNCHANGED) {
                    unchanged++;
                    continue;
                }
                objects.add(object);
                if (object.change() == PreviewChecked.Change.REFUSED) {
                    refusals.add(new Refusal(object.object().toString(), object.reason()));
                }
            }
        }
        objects.sort(Comparator.comparing((PreviewChecked.ObjectChange object) ->
                object.change() != PreviewChecked.Change.REFUSED));
        return new ReleasePreview(key.cluster(), key.namespace(), key.name(), planned.change(), planned.sourceFile(),
                planned.error(), check != null, check == null ? null : check.error(), List.copyOf(objects),
                List.copyOf(refusals), check == null ? List.of() : check.violations(), unchanged);
    }

    /** {@code cluster/namespace/name}. */
    public String release() {
        return cluster + "/" + namespace + "/" + name;
    }

    /** The render error as it is, with the file it is in when it does not name it already. */
    public String renderErrorInFile() {
        if (renderError == null || sourceFile == null || renderError.contains(sourceFile)) {
            return renderError;
        }
        return sourceFile + ": " + renderError;
    }
}
