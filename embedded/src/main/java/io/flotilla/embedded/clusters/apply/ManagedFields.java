package io.flotilla.embedded.clusters.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flotilla.embedded.clusters.wire.ApiStatus;

/**
 * Who owns which fields of an object ({@code metadata.managedFields}), and what a write does to them, as a real
 * API server does it: a server-side apply merges the applied fields into the object, removes the fields the same
 * manager applied before and no longer applies, and conflicts with other managers' differing values unless forced;
 * an update (create, replace, patch) gives its manager the fields it changed.
 */
public final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** One {@code managedFields} entry: one per manager and operation. */
    record Entry(String manager, String operation, String apiVersion, String time, Set<List<String>> fields) {

        boolean isOf(String otherManager, String otherOperation) {
            return manager.equals(otherManager) && operation.equals(otherOperation);
        }

        Entry withFields(Set<List<String>> newFields) {
            return new Entry(manager, operation, apiVersion, time, newFields);
        }
    }

    /** The object a write leads to, and whether it differs from the object before (a no-op writes nothing). */
    public record Outcome(ObjectNode object, boolean changed) {
    }

    private ManagedFields() {
    }

    /** Server-side apply of {@code applied} by {@code manager} onto {@code current} (null: the object is created). */
    public static Outcome apply(ObjectNode current, ObjectNode applied, String manager, boolean force, String time) {
        Set<List<String>> appliedFields = FieldPaths.of(applied);
        String apiVersion = applied.path("apiVersion").asText();
        if (current == null) {
            ObjectNode created = applied.deepCopy();
            write(created, List.of(new Entry(manager, APPLY, apiVersion, time, appliedFields)));
            return new Outcome(created, true);
        }
        List<Entry> entries = read(current);
        Map<List<String>, Set<String>> conflicts = conflicts(current, applied, appliedFields, manager, entries);
        if (!conflicts.isEmpty() && !force) {
            throw conflict(current, apiVersion, conflicts);
        }
        ObjectNode merged = current.deepCopy();
        for (List<String> path : appliedFields) {
            FieldPaths.set(merged, path, FieldPaths.value(applied, path).deepCopy());
        }
        Set<List<String>> previouslyApplied = entries.stream().filter(e -> e.isOf(manager, APPLY)).findFirst()
                .map(Entry::fields).orElse(Set.of());
        for (List<String> path : previouslyApplied) {
            boolean stillApplied = FieldPaths.overlapsAny(path, appliedFields);
            boolean ownedByOthers = entries.stream().filter(e -> !e.isOf(manager, APPLY))
                    .anyMatch(e -> FieldPaths.overlapsAny(path, e.fields()));
            if (!stillApplied && !ownedByOthers) {
                FieldPaths.remove(merged, path);
            }
        }
        List<Entry> updated = new ArrayList<>();
        boolean replaced = false;
        for (Entry entry : entries) {
            if (entry.isOf(manager, APPLY)) {
                updated.add(new Entry(manager, APPLY, apiVersion, time, appliedFields));
                replaced = true;
            } else {
                Set<List<String>> kept = entry.fields().stream()
                        .filter(path -> !conflicts.containsKey(path) || !conflicts.get(path).contains(entry.manager()))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                updated.add(entry.withFields(kept));
            }
        }
        if (!replaced) {
            updated.add(new Entry(manager, APPLY, apiVersion, time, appliedFields));
        }
        return outcome(current, merged, updated);
    }

    /**
     * An update by {@code manager} that turns {@code current} (null: a create) into {@code updated}; the manager
     * comes to own the fields it changed, and other managers lose them.
     */
    public static Outcome update(ObjectNode current, ObjectNode updated, String manager, String time) {
        String apiVersion = updated.path("apiVersion").asText();
        Set<List<String>> newFields = FieldPaths.of(updated);
        ObjectNode result = updated.deepCopy();
        if (current == null) {
            write(result, List.of(new Entry(manager, UPDATE, apiVersion, time, newFields)));
            return new Outcome(result, true);
        }
        Set<List<String>> changed = new LinkedHashSet<>(newFields);
        changed.addAll(FieldPaths.of(current));
        changed.removeIf(path -> FieldPaths.value(current, path).equals(FieldPaths.value(updated, path)));
        List<Entry> entries = new ArrayList<>();
        boolean found = false;
        for (Entry entry : read(current)) {
            Set<List<String>> kept = entry.fields().stream()
                    .filter(path -> FieldPaths.overlapsAny(path, newFields))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (entry.isOf(manager, UPDATE)) {
                found = true;
                changed.stream().filter(newFields::contains).forEach(kept::add);
                entries.add(new Entry(manager, UPDATE, apiVersion, changed.isEmpty() ? entry.time() : time, kept));
            } else {
                kept.removeIf(path -> FieldPaths.overlapsAny(path, changed));
                entries.add(entry.withFields(kept));
            }
        }
        if (!found) {
            Set<List<String>> mine = changed.stream().filter(newFields::contains)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            entries.add(new Entry(manager, UPDATE, apiVersion, time, mine));
        }
        return outcome(current, result, entries);
    }

    static List<Entry> read(JsonNode object) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : object.path("metadata").path("managedFields")) {
            entries.add(new Entry(entry.path("manager").asText(), entry.path("operation").asText(),
                    entry.path("apiVersion").asText(), entry.path("time").asText(),
                    FieldPaths.fromFieldsV1(entry.path("fieldsV1"))));
        }
        return entries;
    }

    private static Outcome outcome(ObjectNode current, ObjectNode result, List<Entry> entries) {
        List<Entry> nonEmpty = entries.stream().filter(entry -> !entry.fields().isEmpty()).toList();
        write(result, nonEmpty);
        boolean changed = !withoutManagedFields(current).equals(withoutManagedFields(result))
                || !withoutTimes(read(current)).equals(withoutTimes(nonEmpty));
        return changed ? new Outcome(result, true) : new Outcome(current, false);
    }

    private static Map<List<String>, Set<String>> conflicts(ObjectNode current, ObjectNode applied,
            Set<List<String>> appliedFields, String manager, List<Entry> entries) {
        Map<List<String>, Set<String>> conflicts = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.manager().equals(manager)) {
                continue;
            }
            for (List<String> owned : entry.fields()) {
                for (List<String> path : appliedFields) {
                    if (FieldPaths.overlap(owned, path)) {
                        List<String> deeper = owned.size() >= path.size() ? owned : path;
                        if (!FieldPaths.value(current, deeper).equals(FieldPaths.value(applied, deeper))) {
                            conflicts.computeIfAbsent(owned, p -> new LinkedHashSet<>()).add(entry.manager());
                        }
                    }
                }
            }
        }
        return conflicts;
    }

    private static ApiStatus conflict(ObjectNode current, String apiVersion, Map<List<String>, Set<String>> conflicts) {
        List<ApiStatus.Cause> causes = new ArrayList<>();
        conflicts.forEach((path, managers) -> managers.forEach(manager -> causes.add(new ApiStatus.Cause(
                "FieldManagerConflict", "conflict with \"" + manager + "\" using " + apiVersion, dotted(path)))));
        String message = "Apply failed with " + causes.size() + (causes.size() == 1 ? " conflict: " : " conflicts: ")
                + causes.stream().map(c -> c.message() + ": " + c.field()).collect(Collectors.joining("; "));
        return new ApiStatus(409, "Conflict", message, current.path("kind").asText(),
                current.path("metadata").path("name").asText(), causes);
    }

    private static String dotted(List<String> path) {
        return "." + String.join(".", path);
    }

    private static void write(ObjectNode object, List<Entry> entries) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Entry entry : entries) {
            ObjectNode json = list.addObject()
                    .put("manager", entry.manager())
                    .put("operation", entry.operation())
                    .put("apiVersion", entry.apiVersion())
                    .put("time", entry.time())
                    .put("fieldsType", "FieldsV1");
            json.set("fieldsV1", FieldPaths.toFieldsV1(entry.fields()));
        }
        JsonNode metadata = object.get("metadata");
        ObjectNode meta = metadata instanceof ObjectNode existing ? existing : object.putObject("metadata");
        if (entries.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", list);
        }
    }

    private static JsonNode withoutManagedFields(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        return copy;
    }

    private static List<Entry> withoutTimes(List<Entry> entries) {
        return entries.stream().map(e -> new Entry(e.manager(), e.operation(), e.apiVersion(), "", e.fields())).toList();
    }
}
