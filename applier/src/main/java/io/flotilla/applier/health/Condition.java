package io.flotilla.applier.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** One of the conditions a controller writes in an object's {@code status.conditions}. */
record Condition(String type, String status, String reason, String message) {

    /** The object's condition of that type, if its controller wrote one. */
    static Optional<Condition> of(JsonNode live, String type) {
        return find(all(live.path("status").path("conditions")), type);
    }

    static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(condition -> condition.type().equals(type)).findFirst();
    }

    static List<Condition> all(JsonNode conditions) {
        List<Condition> all = new ArrayList<>();
        for (JsonNode condition : conditions) {
            all.add(new Condition(condition.path("type").asText(), condition.path("status").asText(),
                    condition.path("reason").asText(""), condition.path("message").asText("")));
        }
        return all;
    }

    static boolean isTrue(JsonNode live, String type) {
        return of(live, type).filter(Condition::isTrue).isPresent();
    }

    boolean isTrue() {
        return "True".equals(status);
    }

    boolean isFalse() {
        return "False".equals(status);
    }

    /** As {@code kubectl describe} would let a user find it: {@code Failed=True BackoffLimitExceeded: message}. */
    @Override
    public String toString() {
        return type + "=" + status + " " + reason + ": " + message;
    }
}
