package io.flotilla.observer.cluster;

import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * How the observer's informers meet a cluster that fails them. fabric8 gives up on an informer whose first list
 * fails (a cluster down or slow when the observer starts) and on some failures after; the observer's informers
 * retry after every failure instead, fabric8 backing off between tries, so a cluster is watched again as soon as it
 * answers. Only objects that cannot be read stop an informer: reading them again would fail the same way.
 */
public final class InformerRetries {

    private InformerRetries() {
    }

    /** {@code informer}, set to retry after every failure but unreadable objects; call before it starts. */
    public static <T> SharedIndexInformer<T> onEveryFailure(SharedIndexInformer<T> informer) {
        return informer.exceptionHandler((started, failure) -> !ExceptionHandler.isDeserializationException(failure));
    }
}
