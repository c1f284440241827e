package io.flotilla.imageupdater.registry;

/**
 * The registry cannot answer for now: the connection fails, it answers with a server error, or it still says 429
 * (too many requests) once the backoff is spent. The scan is tried again later.
 */
public class RegistryUnavailableException extends RegistryException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
