package io.flotilla.observer.notify;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.events.EventCodec;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.notify.ConditionStore.Condition;
import io.flotilla.observer.timeline.EventView;

/**
 * Tells the changes worth a notification from the events the observer keeps, by remembering which releases are failed,
 * drifted or halted now (in the {@link ConditionStore}): a release that fails again and again is told of once, and
 * told of again when it recovers, across restarts and whichever instance reads the event. Releases that are well, or
 * uninstalled, are forgotten, so what is remembered stays as small as what is wrong.
 */
final class ReleaseConditions {

    private final ConditionStore store;

    ReleaseConditions(ConditionStore store) {
        this.store = store;
    }

    /** The changes {@code event} brings: none for most events. */
    List<FleetChange> seen(EventView event) {
        ReleaseKey release;
        try {
            release = event.key() == null ? null : ReleaseKey.parse(event.key());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        if (release == null) {
            return List.of();
        }
        JsonNode payload = payload(event);
        List<FleetChange> changes = new ArrayList<>();
        switch (event.type()) {
            case "ReleaseApplied", "ReleaseReconciled" -> {
                String outcome = payload.path("outcome").asText("");
                String sha = text(payload, "sourceSha");
                if (event.type().equals("ReleaseApplied")) {
                    store.end(release, Condition.HALTED);
                }
                if (outcome.equals("Failed") && store.begin(release, Condition.FAILED)) {
                    String detail = text(payload, event.type().equals("ReleaseApplied") ? "error" : "message");
                    changes.add(change(ChangeKind.FAILED, release, sha, detail, event));
                } else if (outcome.equals("Ready") && store.end(release, Condition.FAILED)) {
                    // Drift is left to the drift watch: a release that drifts only to be warned of stays Ready.
                    changes.add(change(ChangeKind.RECOVERED, release, sha, null, event));
                } else if (outcome.equals("Uninstalled")) {
                    store.end(release, Condition.FAILED);
                    store.end(release, Condition.DRIFTED);
                }
            }
            case "DriftFound" -> {
                JsonNode objects = payload.path("objects");
                if (objects.size() > 0 && store.begin(release, Condition.DRIFTED)) {
                    changes.add(change(ChangeKind.DRIFTED, release, null, driftDetail(objects), event));
                } else if (objects.size() == 0) {
                    // Asked before the drift ends: the end is the last statement, so an event tried again after the
                    // database failed in between still tells the recovery.
                    boolean failed = store.holds(release, Condition.FAILED);
                    if (store.end(release, Condition.DRIFTED) && !failed) {
                        changes.add(change(ChangeKind.RECOVERED, release, null, "drift gone", event));
                    }
                }
            }
            case "RolloutHeld" -> {
                String sha = text(payload, "sourceSha");
                if (payload.path("halted").asBoolean(false)
                        && store.beginFor(release, Condition.HALTED, String.valueOf(sha))) {
                    changes.add(change(ChangeKind.ROLLOUT_HALTED, release, sha, text(payload, "reason"), event));
                }
            }
            default -> {
            }
        }
        return changes;
    }

    private static FleetChange change(ChangeKind kind, ReleaseKey release, String sha, String detail, EventView event) {
        return new FleetChange(kind, release, sha, detail, event.correlationId(), event.time());
    }

    /** {@code Deployment apps/web: spec.replicas, and 2 more objects}. */
    private static String driftDetail(JsonNode objects) {
        JsonNode first = objects.get(0);
        JsonNode object = first.path("object");
        String fields = first.path("deleted").asBoolean(false) ? "deleted"
                : String.join(", ", EventCodec.mapper().convertValue(first.path("fields"), String[].class));
        String namespace = object.path("namespace").asText("");
        return object.path("kind").asText("?") + " " + (namespace.isEmpty() ? "" : namespace + "/")
                + object.path("name").asText("?") + ": " + fields
                + (objects.size() > 1 ? ", and " + (objects.size() - 1) + " more objects" : "");
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static JsonNode payload(EventView event) {
        try {
            return EventCodec.mapper().readTree(event.payload());
        } catch (JsonProcessingException e) {
            return EventCodec.mapper().createObjectNode();
        }
    }
}
