package io.flotilla.observer.cluster;

import java.util.function.Consumer;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** An informer's handler that tells only whether an object is there (added or updated) or gone. */
public final class ObjectChanges {

    private ObjectChanges() {
    }

    public static <T> ResourceEventHandler<T> handler(Consumer<T> seen, Consumer<? super T> gone) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                seen.accept(object);
            }

            @Override
            public void onUpdate(T before, T object) {
                seen.accept(object);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                gone.accept(object);
            }
        };
    }
}
