package io.flotilla.applier.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flotilla.applier.cluster.ApiServerMessage;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.LiveObjects;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseOptions;

/**
 * Waits after an apply until every object with a health rule is healthy or suspended, one is degraded, or the
 * release's timeout passes: what is progressing or missing may still come, so it is waited for. A kind without a
 * rule (unknown) is not waited for. The first look is the API server's answer to the apply where there is one; the
 * cluster is asked again every {@code interval}. A cluster that stops
 * answering meanwhile ends the wait: nothing is known of the release's health then, and the release waits for its
 * cluster.
 */
@Singleton
public class HealthWait {

    private final Duration interval;

    @Inject
    public HealthWait(@ConfigProperty(name = "flotilla.health.poll-interval", defaultValue = "1s") Duration interval) {
        this.interval = interval;
    }

    /**
     * The objects a release waits for once applied: all it applied (a HelmRelease, or a Kustomization with
     * {@code wait: true}), else only its {@code healthChecks}, which need not be among them; either way a
     * Kustomization's {@code healthChecks} are waited for too.
     */
    public static List<ObjectRef> toWaitFor(List<ObjectRef> applied, ReleaseOptions options) {
        List<ObjectRef> objects = new ArrayList<>(options.waitForAll() ? applied : List.of());
        Set<ObjectRef.Identity> known = new HashSet<>();
        objects.forEach(object -> known.add(object.identity()));
        options.healthChecks().stream().filter(check -> known.add(check.identity())).forEach(objects::add);
        return objects;
    }

    /** Whether any of the objects has a rule to wait for. */
    public static boolean anyToWaitFor(List<ObjectRef> objects) {
        return objects.stream().anyMatch(object -> HealthRules.of(object.apiVersion(), object.kind()).isPresent());
    }

    /**
     * Empty once all are healthy or suspended; otherwise why not: the object and its condition. {@code onWaiting}
     * runs once, when the first look finds an object not healthy yet, before the wait begins: so what is healthy at
     * once makes no one wait, nor say that it waits.
     *
     * @throws KubernetesClientException when the cluster does not answer at all
     */
    public Optional<String> await(KubernetesClient client, List<ObjectRef> objects, Duration timeout,
            Runnable onWaiting) {
        return await(client, objects, Map.of(), timeout, onWaiting);
    }

    /**
     * As {@link #await(KubernetesClient, List, Duration, Runnable)}, the first look at each object being what the API
     * server answered its apply with ({@code answers}, when there), the object as stored at that moment: what it shows
     * healthy is not read again; what it does not is read at once, as without an answer.
     */
    public Optional<String> await(KubernetesClient client, List<ObjectRef> objects,
            Map<ObjectRef, ? extends HasMetadata> answers, Duration timeout, Runnable onWaiting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ObjectRef> waiting = new ArrayList<>(objects.stream()
                .filter(object -> HealthRules.of(object.apiVersion(), object.kind()).isPresent()).toList());
        String lastCondition = null;
        boolean first = true;
        while (true) {
            for (var pending = waiting.iterator(); pending.hasNext();) {
                ObjectRef object = pending.next();
                Health health = first ? firstLook(client, object, answers.get(object)) : healthOf(client, object);
                switch (health.state()) {
                    case HEALTHY, SUSPENDED, UNKNOWN -> pending.remove();
                    case DEGRADED -> {
                        return Optional.of(object + ": " + health.condition());
                    }
                    case PROGRESSING, MISSING -> lastCondition = object + ": " + health.condition();
                }
            }
            if (waiting.isEmpty()) {
                return Optional.empty();
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of("not healthy within " + timeout.toSeconds() + "s: " + lastCondition);
            }
            if (first) {
                onWaiting.run();
                first = false;
            }
            pause();
        }
    }

    /**
     * What the apply's answer shows, when it shows the object done with (healthy, suspended, or of no rule); otherwise
     * the object as it is now: a controller may have acted since the answer, so what was not healthy then is read.
     */
    private static Health firstLook(KubernetesClient client, ObjectRef object, HasMetadata answer) {
        if (answer != null) {
            Health answered = healthOf(client, object, answer);
            switch (answered.state()) {
                case HEALTHY, SUSPENDED, UNKNOWN -> {
                    return answered;
                }
                case PROGRESSING, MISSING, DEGRADED -> {
                }
            }
        }
        return healthOf(client, object);
    }

    private static Health healthOf(KubernetesClient client, ObjectRef object, HasMetadata live) {
        JsonNode json = client.getKubernetesSerialization().convertValue(live, JsonNode.class);
        return HealthRules.health(object.apiVersion(), object.kind(), json);
    }

    private static Health healthOf(KubernetesClient client, ObjectRef object) {
        try {
            GenericKubernetesResource live = LiveObjects.resource(client, object).get();
            if (live == null) {
                return Health.missing("not found on the cluster");
            }
            return healthOf(client, object, live);
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw e;
            }
            return Health.progressing("cannot be read: " + ApiServerMessage.of(e));
        }
    }

    private void pause() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the release to become healthy", e);
        }
    }
}
