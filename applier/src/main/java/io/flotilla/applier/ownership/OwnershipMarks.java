package io.flotilla.applier.ownership;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ReleaseKey;

/**
 * The marks on every object Flotilla applies, so that a person with kubectl, and Flotilla itself before deleting
 * anything, can tell whose it is:
 * <ul>
 * <li>the label {@code app.kubernetes.io/managed-by: flotilla}, unless the rendering sets that label itself (a
 * chart's {@code managed-by: Helm}), which is left as rendered, since anything else would be drift;</li>
 * <li>{@code flotilla.io/release: <namespace>/<name>}, the release that applied it: its key without the cluster,
 * which is the one the object is on, as Helm's {@code meta.helm.sh/release-name} and {@code -namespace} do, so
 * that renaming a cluster in the kubeconfig changes no owner;</li>
 * <li>{@code flotilla.io/source-file}, the file in Git that declares the release (for a folder of plain
 * manifests, the folder);</li>
 * <li>{@code flotilla.io/adopted: "true"} on an object that was on the cluster before Flotilla applied it. It is
 * written once, by field manager {@value #ADOPTION_MANAGER} rather than {@code flotilla}, so that the server-side
 * applies of later revisions, which do not send it, leave it where it is.</li>
 * </ul>
 * A release that lets go of an object it must keep (adopted, or {@code helm.sh/resource-policy: keep}) takes its
 * marks off ({@link #disowning}), so that the object is as no release had applied it, and the release its file
 * moves to may adopt it.
 */
public final class OwnershipMarks {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String FLOTILLA = "flotilla";
    public static final String RELEASE = "flotilla.io/release";
    public static final String SOURCE_FILE = "flotilla.io/source-file";
    public static final String ADOPTED = "flotilla.io/adopted";
    public static final String ADOPTION_MANAGER = "flotilla-adoption";
    /** The JSON merge patch that marks an object adopted. */
    public static final String ADOPTION_PATCH = "{\"metadata\":{\"annotations\":{\"" + ADOPTED + "\":\"true\"}}}";

    private OwnershipMarks() {
    }

    /** The value of {@value #RELEASE} for {@code release}: {@code namespace/name}. */
    public static String releaseOf(ReleaseKey release) {
        return release.namespace() + "/" + release.name();
    }

    /**
     * Marks {@code object} as applied by {@code release}, declared in {@code sourceFile}; a null file leaves
     * the annotation out.
     */
    public static void mark(HasMetadata object, ReleaseKey release, String sourceFile) {
        Map<String, String> labels = new HashMap<>(orEmpty(object.getMetadata().getLabels()));
        labels.putIfAbsent(MANAGED_BY, FLOTILLA);
        object.getMetadata().setLabels(labels);
        Map<String, String> annotations = new HashMap<>(orEmpty(object.getMetadata().getAnnotations()));
        annotations.put(RELEASE, releaseOf(release));
        if (sourceFile != null) {
            annotations.put(SOURCE_FILE, sourceFile);
        }
        object.getMetadata().setAnnotations(annotations);
    }

    /**
     * The JSON merge patch that takes the release's marks off {@code live}: its annotations, and the label unless
     * it says something else than {@value #FLOTILLA} (a chart's own {@code Helm}, an adopted object's own value).
     * The adoption mark stays: the object was there before Flotilla.
     */
    public static String disowning(ObjectMeta live) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.putObject("annotations").putNull(RELEASE).putNull(SOURCE_FILE);
        if (live.getLabels() != null && FLOTILLA.equals(live.getLabels().get(MANAGED_BY))) {
            metadata.putObject("labels").putNull(MANAGED_BY);
        }
        return patch.toString();
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }
}
