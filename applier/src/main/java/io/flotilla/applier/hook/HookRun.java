package io.flotilla.applier.hook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;

/**
 * Runs the hooks of one phase, one after the other, each awaited (a Job until it completes) before the
 * next: as {@code helm install} does around the release. The first hook that fails stops the phase.
 */
public final class HookRun {


    private final KubernetesClient client;
    private final HealthWait health;
    private final Duration timeout;
    private final Function<HasMetadata, ObjectResult> apply;

    /**
     * @param apply applies one object to the cluster (namespace placed, server-side), answering its result
     */
    public HookRun(KubernetesClient client, HealthWait health, Duration timeout,
            Function<HasMetadata, ObjectResult> apply) {
        this.client = client;
        this.health = health;
        this.timeout = timeout;
        this.apply = apply;
    }

    /**
     * Adds one result per hook that ran to {@code results}; answers the failure, naming the phase and the
     * hook, if one failed.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    public Optional<String> run(String phase, List<HasMetadata> hooks, List<ObjectResult> results) {
        for (HasMetadata hook : hooks) {
            Set<String> policies = HelmHooks.deletePolicies(hook);
            if (policies.contains(HelmHooks.BEFORE_HOOK_CREATION)) {
                delete(hook);
            }
            ObjectResult applied = apply.apply(hook);
            ObjectRef ref = applied.object();
            Optional<String> failure = applied.error() != null ? Optional.of(applied.error())
                    : health.await(client, List.of(ref), timeout, () -> { });
            results.add(new ObjectResult(ref, ObjectAction.HOOK, failure.orElse(null)));
            if (failure.isPresent()) {
                if (policies.contains(HelmHooks.HOOK_FAILED)) {
                    delete(hook);
                }
                return Optional.of(phase + " hook " + ref + " failed: " + failure.get());
            }
            if (policies.contains(HelmHooks.HOOK_SUCCEEDED)) {
                delete(hook);
            }
        }
        return Optional.empty();
    }

    private void delete(HasMetadata hook) {
        try {
            client.resource(hook).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
