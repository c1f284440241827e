package io.flotilla.observer.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * An informer's store that keeps whole only the objects the observer compares, and of every other object only its
 * key and resource version: the informer needs no more to tell additions, updates and deletions apart, and every
 * pod, event and ConfigMap of a fleet, whole, would fill the heap. The handlers still get each object whole as it
 * comes; an object asked for by key that is not kept whole comes back with its names and version only.
 */
public final class InformerStore<T extends HasMetadata> implements ItemStore<T> {

    private final Map<String, T> whole = new HashMap<>();
    private final Map<String, String> versions = new HashMap<>();
    private final Predicate<T> keepWhole;
    private final Supplier<T> empty;

    private InformerStore(Predicate<T> keepWhole, Supplier<T> empty) {
        this.keepWhole = keepWhole;
        this.empty = empty;
    }

    /**
     * For watches whose handlers keep what they need themselves.
     *
     * @param empty a new object of the watched kind (its kind and apiVersion set)
     */
    public static <T extends HasMetadata> InformerStore<T> namesOnly(Supplier<T> empty) {
        return new InformerStore<>(object -> false, empty);
    }

    /** Keeps whole the objects {@code keepWhole} accepts when they come, the others by their names. */
    public static <T extends HasMetadata> InformerStore<T> wholeWhen(Predicate<T> keepWhole, Supplier<T> empty) {
        return new InformerStore<>(keepWhole, empty);
    }

    /** Whether the object kept under this key is known by its names only. */
    public synchronized boolean namesOnly(String key) {
        return versions.containsKey(key);
    }

    /**
     * Keeps {@code object}, fetched whole, in place of its names, when it is the version the store knows; a newer
     * version is on its way from the watch otherwise.
     */
    public synchronized void whole(String key, T object) {
        if (Objects.equals(versions.get(key), object.getMetadata().getResourceVersion())) {
            versions.remove(key);
            whole.put(key, object);
        }
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public synchronized T put(String key, T object) {
        T before = get(key);
        if (keepWhole.test(object)) {
            versions.remove(key);
            whole.put(key, object);
        } else {
            whole.remove(key);
            versions.put(key, object.getMetadata().getResourceVersion());
        }
        return before;
    }

    @Override
    public synchronized T remove(String key) {
        T before = get(key);
        whole.remove(key);
        versions.remove(key);
        return before;
    }

    @Override
    public synchronized Stream<String> keySet() {
        List<String> keys = new ArrayList<>(whole.keySet());
        keys.addAll(versions.keySet());
        return keys.stream();
    }

    @Override
    public synchronized Stream<T> values() {
        List<T> values = new ArrayList<>(whole.values());
        versions.forEach((key, version) -> values.add(names(key, version)));
        return values.stream();
    }

    @Override
    public synchronized int size() {
        return whole.size() + versions.size();
    }

    @Override
    public synchronized T get(String key) {
        T object = whole.get(key);
        if (object != null) {
            return object;
        }
        String version = versions.get(key);
        return version == null ? null : names(key, version);
    }

    @Override
    public boolean isFullState() {
        return false;
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
