package io.flotilla.registrysecrets.fleetseed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flotilla.registrysecrets.pullsecret.PullSecretSync;
import io.flotilla.registrysecrets.pullsecret.Seed;

/**
 * The fleet seeds kept as Secrets in the cluster Flotilla runs in ({@code flotilla.pull-secrets.home-kubeconfig}):
 * each Secret labelled {@value #LABEL}{@code =<name>}, of type {@value PullSecretSync#DOCKER_CONFIG_JSON}, for the
 * clusters its annotation {@value #SELECTOR_ANNOTATION} selects (every cluster without it), copied as
 * {@code <name>-registrycreds} unless its annotation {@value #COPY_NAME_ANNOTATION} says otherwise. An informer
 * follows them, so a Secret changed, added or deleted there is a seed rotated, added or removed on the fleet.
 */
final class HomeClusterSeeds implements AutoCloseable {

    static final String LABEL = "flotilla.io/fleet-seed";
    static final String SELECTOR_ANNOTATION = "flotilla.io/cluster-selector";
    static final String COPY_NAME_ANNOTATION = "flotilla.io/copy-name";

    private final KubernetesClient client;
    private final SharedIndexInformer<Secret> secrets;

    /** Starts following the labelled Secrets; {@code changed} runs after each change the informer sees. */
    HomeClusterSeeds(Path kubeconfig, Runnable changed) throws IOException {
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, Files.readString(kubeconfig), null)).build();
        this.secrets = client.secrets().inAnyNamespace().withLabel(LABEL).runnableInformer(0);
        secrets.exceptionHandler((isStarted, failure) -> !ExceptionHandler.isDeserializationException(failure));
        secrets.addEventHandler(new ResourceEventHandler<Secret>() {
            @Override
            public void onAdd(Secret secret) {
                changed.run();
            }

            @Override
            public void onUpdate(Secret before, Secret after) {
                changed.run();
            }

            @Override
            public void onDelete(Secret secret, boolean finalStateUnknown) {
                changed.run();
            }
        });
        secrets.start();
    }

    /** Whether the Secrets have been listed once: until then, which seeds exist is not known. */
    boolean listed() {
        return secrets.hasSynced();
    }

    /** The seeds, one per name: of two Secrets giving the same name, the first by namespace and name. */
    List<FleetSeed> seeds(List<String> takenByConfiguration) {
        List<FleetSeed> seeds = new ArrayList<>();
        List<String> names = new ArrayList<>(takenByConfiguration);
        for (Secret secret : secrets.getStore().list().stream().sorted(Comparator.comparing(
                (Secret one) -> one.getMetadata().getNamespace()).thenComparing(one -> one.getMetadata().getName()))
                .toList()) {
            String name = secret.getMetadata().getLabels().get(LABEL);
            if (name == null || name.isEmpty() || names.contains(name)) {
                continue;
            }
            names.add(name);
            seeds.add(seed(name, secret));
        }
        return seeds;
    }

    private static FleetSeed seed(String name, Secret secret) {
        String where = "Secret " + secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName()
                + " of the cluster Flotilla runs in";
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? Map.of()
                : secret.getMetadata().getAnnotations();
        String copyName = annotations.getOrDefault(COPY_NAME_ANNOTATION, FleetSeed.defaultCopyName(name));
        SeedSelector selector = SeedSelector.EVERY_CLUSTER;
        Seed seed;
        try {
            selector = SeedSelector.parse(annotations.get(SELECTOR_ANNOTATION));
            if (!PullSecretSync.DOCKER_CONFIG_JSON.equals(secret.getType())) {
                seed = Seed.unusable(name, Seed.NOT_DOCKER_CONFIG_JSON, "fleet seed " + name + ": its " + where
                        + " is of type " + secret.getType() + ", not " + PullSecretSync.DOCKER_CONFIG_JSON
                        + "; existing copies are left as they are");
            } else {
                seed = Seed.usable(name, secret.getData());
            }
        } catch (IllegalArgumentException e) {
            seed = Seed.unusable(name, FleetSeeds.BAD_SELECTOR, "fleet seed " + name + ": the annotation "
                    + SELECTOR_ANNOTATION + " of its " + where + ": " + e.getMessage()
                    + "; existing copies are left as they are");
        }
        return new FleetSeed(name, selector, copyName, seed, where);
    }

    @Override
    public void close() {
        secrets.close();
        client.close();
    }
}
