package io.flotilla.applier.apply;

import java.util.List;
import java.util.stream.Collectors;

import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

/** What applying a release did: the outcome, each object's result, and why it failed if it did. */
public record ApplyReport(Outcome outcome, List<ObjectResult> objects, String error) {

    public ApplyReport {
        objects = List.copyOf(objects);
    }

    /** Ready when every object was applied; otherwise Failed, naming each object that failed. */
    public static ApplyReport of(List<ObjectResult> objects) {
        List<ObjectResult> failed = objects.stream().filter(result -> result.error() != null).toList();
        if (failed.isEmpty()) {
            return new ApplyReport(Outcome.Ready, objects, null);
        }
        String reasons = failed.stream()
                .map(result -> result.object() + ": " + result.error())
                .collect(Collectors.joining("; "));
        return new ApplyReport(Outcome.Failed, objects,
                failed.size() + " of " + objects.size() + " objects failed: " + reasons);
    }

    public static ApplyReport failed(String error, List<ObjectResult> objects) {
        return new ApplyReport(Outcome.Failed, objects, error);
    }
}
