package io.flotilla.embedded.clusters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.WriteRequest;

/**
 * Validating admission webhooks a test installs: a policy engine (Gatekeeper, Kyverno) that refuses creates, updates
 * and patches of one resource in one namespace, dry runs included, as a real API server calls webhooks for those too.
 * Deletes and subresources (status) pass: a webhook's rules name them apart, and the tests that need this do not.
 */
final class AdmissionWebhooks {

    /** {@code namespace} null: the resource in every namespace, or a cluster-scoped one. */
    private record Rule(String resource, String namespace) {
    }

    private record Denial(String webhook, String message) {
    }

    private final Map<Rule, Denial> denials = new ConcurrentHashMap<>();

    void deny(String resource, String namespace, String webhook, String message) {
        denials.put(new Rule(resource, namespace), new Denial(webhook, message));
    }

    void lift(String resource, String namespace) {
        denials.remove(new Rule(resource, namespace));
    }

    /** @throws ApiStatus the webhook's refusal, when one denies this write */
    void admit(WriteRequest write) {
        if (write.method() == HttpMethod.DELETE || write.path().subresource() != null || denials.isEmpty()) {
            return;
        }
        Denial denial = denials.get(new Rule(write.path().resource(), write.path().namespace()));
        if (denial == null) {
            denial = denials.get(new Rule(write.path().resource(), null));
        }
        if (denial != null) {
            throw ApiStatus.deniedByWebhook(denial.webhook(), denial.message());
        }
    }
}
