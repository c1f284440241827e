package io.flotilla.observer.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * An informer's store that keeps of the objects the observer compares only what it compares, and of every other
 * object only its key and resource version: the informer needs no more to tell additions, updates and deletions
 * apart, and every pod, event and ConfigMap of a fleet, whole, would fill the heap. The handlers still get each
 * object whole as it comes; an object asked for by key that is known by its names comes back with its names and
 * version only. What is kept is kept as its JSON text ({@link KeptJson}) and read back each time it is asked for.
 */
public final class InformerStore<T extends HasMetadata> implements ItemStore<T> {

    private final Map<String, KeptJson> kept = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();
    private final UnaryOperator<T> keptPart;
    private final Supplier<T> empty;
    private final Class<T> type;

    @SuppressWarnings("unchecked")
    private InformerStore(UnaryOperator<T> keptPart, Supplier<T> empty) {
        this.keptPart = keptPart;
        this.empty = empty;
        this.type = (Class<T>) empty.get().getClass();
    }

    /**
     * For watches whose handlers keep what they need themselves.
     *
     * @param empty a new object of the watched kind (its kind and apiVersion set)
     */
    public static <T extends HasMetadata> InformerStore<T> namesOnly(Supplier<T> empty) {
        return new InformerStore<>(object -> null, empty);
    }

    /**
     * @param keptPart what of an object to keep as it comes (its names and resource version with it), null to know
     *                 it by its names only
     */
    public static <T extends HasMetadata> InformerStore<T> keeping(UnaryOperator<T> keptPart, Supplier<T> empty) {
        return new InformerStore<>(keptPart, empty);
    }

    /** Whether the object kept under this key is known by its names only. */
    public synchronized boolean namesOnly(String key) {
        return versions.containsKey(key);
    }

    /**
     * Keeps {@code part} of an object fetched in place of its names, when it is the version the store knows; a newer
     * version is on its way from the watch otherwise.
     */
    public synchronized void keep(String key, T part) {
        if (Objects.equals(versions.get(key), part.getMetadata().getResourceVersion())) {
            versions.remove(key);
            kept.put(key, json(part));
        }
    }

    /**
     * The part kept of the object of this key as a JSON tree; a missing node when the object is known by its names
     * only, null when there is no such object.
     */
    public synchronized JsonNode keptTree(String key) {
        KeptJson json = kept.get(key);
        if (json != null) {
            return json.tree();
        }
        return versions.containsKey(key) ? MissingNode.getInstance() : null;
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public synchronized T put(String key, T object) {
        T before = get(key);
        T part = keptPart.apply(object);
        if (part != null) {
            versions.remove(key);
            kept.put(key, json(part));
        } else {
            kept.remove(key);
            versions.put(key, object.getMetadata().getResourceVersion());
        }
        return before;
    }

    @Override
    public synchronized T remove(String key) {
        T before = get(key);
        kept.remove(key);
        versions.remove(key);
        return before;
    }

    @Override
    public synchronized Stream<String> keySet() {
        List<String> keys = new ArrayList<>(kept.keySet());
        keys.addAll(versions.keySet());
        return keys.stream();
    }

    @Override
    public synchronized Stream<T> values() {
        List<T> values = new ArrayList<>(kept.values().stream().map(json -> json.as(type)).toList());
        versions.forEach((key, version) -> values.add(names(key, version)));
        return values.stream();
    }

    @Override
    public synchronized int size() {
        return kept.size() + versions.size();
    }

    @Override
    public synchronized T get(String key) {
        KeptJson json = kept.get(key);
        if (json != null) {
            return json.as(type);
        }
        String version = versions.get(key);
        return version == null ? null : names(key, version);
    }

    @Override
    public boolean isFullState() {
        return false;
    }

    private KeptJson json(T part) {
        return KeptJson.of(part, "the kept part of " + getKey(part));
    }

    /** The object of this key ({@code namespace/name}, or {@code name}) by its names and version. */
    private T names(String key, String version) {
        int slash = key.indexOf('/');
        T names = empty.get();
        names.setMetadata(new ObjectMetaBuilder().withNamespace(slash < 0 ? null : key.substring(0, slash))
                .withName(key.substring(slash + 1)).withResourceVersion(version).build());
        return names;
    }
}
