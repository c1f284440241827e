package io.flotilla.applier.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server said when it refused a request: its Status message, else the client's own. */
public final class ApiServerMessage {

    private ApiServerMessage() {
    }

    public static String of(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }
}
