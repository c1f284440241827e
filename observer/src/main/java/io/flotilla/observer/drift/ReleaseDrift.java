package io.flotilla.observer.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.DriftFound;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.events.sealing.SopsDigests;
import io.flotilla.observer.cluster.KeptJson;

/**
 * One applied release whose objects are compared with the live ones: what was applied of each object, the options
 * that say which fields may differ, and the drift last reported. What was applied is kept as JSON text
 * ({@link KeptJson}), read back for each comparison.
 */
public final class ReleaseDrift {

    private final Map<ObjectRef, KeptJson> applied;
    private final ReleaseOptions options;
    private List<DriftFound.DriftedObject> reported;

    /**
     * @param reported the drift already reported of this revision (none for a revision just applied)
     */
    public ReleaseDrift(Map<ObjectRef, JsonNode> applied, ReleaseOptions options,
            List<DriftFound.DriftedObject> reported) {
        Map<ObjectRef, KeptJson> json = new HashMap<>();
        applied.forEach((ref, object) -> json.put(ref, KeptJson.of(object, "what was applied of " + ref)));
        this.applied = Map.copyOf(json);
        this.options = options;
        this.reported = List.copyOf(reported);
    }

    /** The objects applied. */
    public Set<ObjectRef> objects() {
        return applied.keySet();
    }

    /** What was applied of one of {@link #objects()}. */
    public JsonNode applied(ObjectRef ref) {
        return applied.get(ref).tree();
    }

    public ReleaseOptions options() {
        return options;
    }

    /**
     * The drifted objects now.
     *
     * @param live        the live object of a ref, null when it does not exist, missing while it is not known yet
     *                    (what was reported of it holds until it is)
     * @param autoscaled  whether an autoscaler scales the object, so its replicas are not Flotilla's
     * @param sopsDigests digests the live values of objects committed SOPS-encrypted
     */
    public List<DriftFound.DriftedObject> drifted(Function<ObjectRef, JsonNode> live,
            Predicate<ObjectRef> autoscaled, SopsDigests sopsDigests) {
        List<DriftFound.DriftedObject> drifted = new ArrayList<>();
        applied.keySet().stream()
                .sorted(Comparator.comparing(ObjectRef::toString))
                .forEach(ref -> {
                    JsonNode current = live.apply(ref);
                    if (current != null && current.isMissingNode()) {
                        // Not known yet: what was reported of it holds until it is.
                        reported.stream().filter(object -> object.object().equals(ref)).findFirst()
                                .ifPresent(drifted::add);
                        return;
                    }
                    if (current == null) {
                        drifted.add(new DriftFound.DriftedObject(ref, List.of(), true, null, null));
                        return;
                    }
                    List<String> ignored = new ArrayList<>(ignoredPaths(ref));
                    if (autoscaled.test(ref)) {
                        ignored.add("/spec/replicas");
                    }
                    JsonNode object = applied(ref);
                    List<String> fields = FieldOwners.notSetByFlotilla(current, object,
                            DriftDetector.differingFields(object, current, ignored, sopsDigests));
                    if (!fields.isEmpty()) {
                        FieldOwners.Change change = FieldOwners.lastChange(current, object, fields);
                        drifted.add(new DriftFound.DriftedObject(ref, fields, false,
                                change == null ? null : change.manager(), change == null ? null : change.at()));
                    }
                });
        return drifted;
    }

    /** Whether {@code drifted} differs from what was last reported; if so it becomes the reported drift. */
    public boolean changedSinceReported(List<DriftFound.DriftedObject> drifted) {
        if (sameObjectsAndFields(drifted, reported)) {
            return false;
        }
        reported = List.copyOf(drifted);
        return true;
    }

    private static boolean sameObjectsAndFields(List<DriftFound.DriftedObject> a, List<DriftFound.DriftedObject> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).object().equals(b.get(i).object()) || !a.get(i).fields().equals(b.get(i).fields())
                    || a.get(i).deleted() != b.get(i).deleted()) {
                return false;
            }
        }
        return true;
    }

    private List<String> ignoredPaths(ObjectRef ref) {
        return options.driftIgnore().stream()
                .filter(rule -> matches(rule.kind(), ref.kind()) && matches(rule.name(), ref.name())
                        && matches(rule.namespace(), ref.namespace()))
                .flatMap(rule -> rule.paths().stream()).toList();
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isEmpty() || Objects.equals(wanted, actual);
    }
}
