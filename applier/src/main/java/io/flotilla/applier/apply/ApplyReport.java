package io.flotilla.applier.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

/**
 * What applying a release did: the outcome, each object's result, and why it failed if it did; and what the API
 * server answered each object applied with ({@code answers}: the object as stored, its status as it was then), so
 * the wait for health looks at that first instead of asking again. Empty where nothing was applied.
 */
public record ApplyReport(Outcome outcome, List<ObjectResult> objects, String error,
        Map<ObjectRef, HasMetadata> answers) {

    public ApplyReport {
        objects = List.copyOf(objects);
        answers = Map.copyOf(answers);
    }

    public ApplyReport(Outcome outcome, List<ObjectResult> objects, String error) {
        this(outcome, objects, error, Map.of());
    }

    /** This report, with what the API server answered the applies with. */
    public ApplyReport answered(Map<ObjectRef, HasMetadata> answered) {
        return new ApplyReport(outcome, objects, error, answered);
    }

    /** {@code success} when no object failed; otherwise Failed, naming each object that failed. */
    public static ApplyReport of(Outcome success, List<ObjectResult> objects) {
        return of(success, objects, List.of());
    }

    /**
     * As {@link #of(Outcome, List)}, with {@code notes} the user should read even when all went well, such as a
     * field taken over from another manager; they follow the failures, if any.
     */
    public static ApplyReport of(Outcome success, List<ObjectResult> objects, List<String> notes) {
        List<ObjectResult> failed = failures(objects);
        String noted = notes.isEmpty() ? null : String.join("; ", notes);
        if (failed.isEmpty()) {
            return new ApplyReport(success, objects, noted);
        }
        return new ApplyReport(Outcome.Failed, objects, failed.size() + " of " + objects.size() + " objects failed: "
                + reasons(failed) + (noted == null ? "" : "; " + noted));
    }

    /** The dry run refused these objects of a release of {@code total}: nothing was applied. */
    public static ApplyReport refused(List<ObjectResult> refused, int total) {
        return new ApplyReport(Outcome.Failed, refused, "the API server refused " + refused.size() + " of " + total
                + " objects in a dry run; nothing was applied: " + reasons(refused));
    }

    /**
     * Of a release of {@code total} objects, these belong to another release ({@code ownership.Claim}): nothing was
     * applied.
     */
    public static ApplyReport claimed(List<ObjectResult> claimed, int total) {
        return new ApplyReport(Outcome.Failed, claimed, claimed.size() + " of " + total
                + " objects belong to another release; nothing was applied: " + reasons(claimed));
    }

    /**
     * The release itself ({@code ofRelease}: its namespace, its service account) or some of its {@code total} objects
     * ({@code ofObjects}) go beyond what its tenant may use, each naming the rule, the file and why: nothing was
     * applied.
     */
    public static ApplyReport outsideTenant(List<ObjectResult> ofRelease, List<ObjectResult> ofObjects, int total,
            String tenant) {
        List<ObjectResult> broken = new ArrayList<>(ofRelease);
        broken.addAll(ofObjects);
        String what = ofObjects.isEmpty() ? "the release breaks its rules" : (ofRelease.isEmpty() ? ""
                : "the release and ") + ofObjects.size() + " of " + total + " objects break its rules";
        return new ApplyReport(Outcome.Failed, broken, "tenant '" + tenant + "': " + what + "; nothing was applied: "
                + reasons(broken));
    }

    /** The cluster did not answer: nothing the release did wrong, it is tried again when the cluster is back. */
    public static ApplyReport unreachable(String error, List<ObjectResult> objects) {
        return new ApplyReport(Outcome.Unreachable, objects, error);
    }

    public static ApplyReport failed(String error, List<ObjectResult> objects) {
        return new ApplyReport(Outcome.Failed, objects, error);
    }

    private static List<ObjectResult> failures(List<ObjectResult> objects) {
        return objects.stream().filter(result -> result.error() != null).toList();
    }

    private static String reasons(List<ObjectResult> failed) {
        return failed.stream().map(result -> result.object() + ": " + result.error()).collect(Collectors.joining("; "));
    }
}
