package io.flotilla.observer.registry;

/**
 * A change asked while the registry is still reading its table at start (it waits for a database that does not
 * answer yet): the API answers 503, to be tried again.
 */
public class RegistryStarting extends RuntimeException {

    public RegistryStarting() {
        super("the cluster registry is starting (waiting for its database): try again in a moment");
    }
}
