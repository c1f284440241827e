package io.flotilla.registrysecrets.pullsecret;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.events.PullSecretsSynced;

/**
 * Writes on each {@code ClusterPullSecret} what its sync found, as a controller would: {@code status.seedDigest},
 * {@code namespacesCovered}, {@code namespacesTotal} and a {@code Ready} condition (reason {@code Synced}, or why
 * not: the seed's problem, {@code NamespacesFailed}), its {@code lastTransitionTime} kept while the condition holds.
 * Written only when it changes, so the update it causes finds nothing more to write. Through the status subresource
 * where the definition has one (Flotilla's own); registry-creds' definition has none, so the object itself is
 * updated there, without {@code observedGeneration}, which each such update would move.
 */
final class ClusterPullSecretStatus {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The status stays small however many namespaces fail: the API lists them all. */
    private static final int SHOWN_ERRORS = 3;

    private final KubernetesClient client;
    private final Clock clock;
    private final boolean statusSubresource;

    ClusterPullSecretStatus(KubernetesClient client, Clock clock, boolean statusSubresource) {
        this.client = client;
        this.clock = clock;
        this.statusSubresource = statusSubresource;
    }

    /** Writes the status when it changed; a message when the cluster refused it, else null. */
    String write(GenericKubernetesResource object, Seed seed, PullSecretsSynced.Coverage coverage) {
        Object current = object.getAdditionalProperties().get("status");
        Map<String, Object> wanted = status(object, seed, coverage, current);
        if (wanted.equals(current)) {
            return null;
        }
        GenericKubernetesResource updated = new GenericKubernetesResourceBuilder(object).build();
        updated.setAdditionalProperty("status", wanted);
        try {
            if (statusSubresource) {
                client.genericKubernetesResources(ClusterPullSecret.API_VERSION, ClusterPullSecret.KIND)
                        .resource(updated).updateStatus();
            } else {
                client.genericKubernetesResources(ClusterPullSecret.API_VERSION, ClusterPullSecret.KIND)
                        .resource(updated).update();
            }
            return null;
        } catch (KubernetesClientException e) {
            if (!CopyWriter.answered(e)) {
                throw e;
            }
            if (e.getCode() == 409 || e.getCode() == 404) {
                // Changed or deleted meanwhile: the informer's event brings the sync that writes it again.
                return null;
            }
            return "ClusterPullSecret " + coverage.name() + ": its status could not be written (" + e.getCode() + " "
                    + CopyWriter.reason(e) + ")";
        }
    }

    private Map<String, Object> status(GenericKubernetesResource object, Seed seed,
            PullSecretsSynced.Coverage coverage, Object current) {
        String ready;
        String reason;
        String message;
        if (seed.reason() != null) {
            ready = "False";
            reason = seed.reason();
            message = seed.problem();
        } else if (coverage.namespacesCovered() < coverage.namespacesTotal()) {
            ready = "False";
            reason = "NamespacesFailed";
            message = (coverage.namespacesTotal() - coverage.namespacesCovered()) + " of "
                    + coverage.namespacesTotal() + " namespaces not covered: "
                    + String.join("; ", coverage.errors().stream().limit(SHOWN_ERRORS).toList())
                    + (coverage.errors().size() > SHOWN_ERRORS ? "; and " + (coverage.errors().size() - SHOWN_ERRORS)
                            + " more (GET /api/pull-secrets)" : "");
        } else {
            ready = "True";
            reason = "Synced";
            message = "copied into " + coverage.namespacesCovered() + " of " + coverage.namespacesTotal()
                    + " namespaces";
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("status", ready);
        condition.put("reason", reason);
        condition.put("message", message);
        Object since = previousTransition(current, ready);
        condition.put("lastTransitionTime", since != null ? since : clock.instant().toString());
        Map<String, Object> status = new LinkedHashMap<>();
        if (statusSubresource && object.getMetadata().getGeneration() != null) {
            status.put("observedGeneration", object.getMetadata().getGeneration());
            condition.put("observedGeneration", object.getMetadata().getGeneration());
        }
        if (coverage.seedDigest() != null) {
            status.put("seedDigest", coverage.seedDigest());
        }
        status.put("namespacesCovered", coverage.namespacesCovered());
        status.put("namespacesTotal", coverage.namespacesTotal());
        status.put("conditions", List.of(condition));
        return asRead(status);
    }

    /** When the Ready condition last changed, if it still has {@code ready}. */
    private static Object previousTransition(Object current, String ready) {
        if (current instanceof Map<?, ?> status && status.get("conditions") instanceof List<?> conditions) {
            for (Object condition : conditions) {
                if (condition instanceof Map<?, ?> found && "Ready".equals(found.get("type"))
                        && Objects.equals(ready, found.get("status"))) {
                    return found.get("lastTransitionTime");
                }
            }
        }
        return null;
    }

    /** As the informer will read it back (numbers as JSON reads them), so that an unchanged status compares equal. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asRead(Map<String, Object> status) {
        try {
            return JSON.readValue(JSON.writeValueAsString(status), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status of strings and numbers is always JSON", e);
        }
    }
}
