package io.flotilla.applier.apply;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The fields of an object that other field managers own with other values, as the API server lists them when
 * it refuses a server-side apply that is not forced: each cause names the manager ({@code conflict with
 * "kubectl" using v1}) and the field ({@code .data.mode}).
 */
record FieldConflicts(Map<String, List<String>> fieldsByManager) {

    private static final String CAUSE = "FieldManagerConflict";

    /** The conflicts the refusal names; empty when it is no conflict of field managers. */
    static Optional<FieldConflicts> of(KubernetesClientException e) {
        if (e.getCode() != 409 || e.getStatus() == null || e.getStatus().getDetails() == null
                || e.getStatus().getDetails().getCauses() == null) {
            return Optional.empty();
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
            if (CAUSE.equals(cause.getReason())) {
                fields.computeIfAbsent(manager(cause.getMessage()), manager -> new ArrayList<>()).add(cause.getField());
            }
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new FieldConflicts(fields));
    }

    /** {@code conflict with manager "kubectl" on fields .data.mode, .data.size}, each manager in turn. */
    @Override
    public String toString() {
        return fieldsByManager.entrySet().stream()
                .map(entry -> "conflict with manager \"" + entry.getKey() + "\" on fields "
                        + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; "));
    }

    private static String manager(String message) {
        int open = message == null ? -1 : message.indexOf('"');
        int close = open < 0 ? -1 : message.indexOf('"', open + 1);
        return close < 0 ? String.valueOf(message) : message.substring(open + 1, close);
    }
}
