package io.flotilla.imageupdater.registry;

/** The registry has no such repository, or no such tag in it: a mistake in the declaration, not an outage. */
public class RepositoryNotFoundException extends RegistryException {

    public RepositoryNotFoundException(String message) {
        super(message);
    }
}
