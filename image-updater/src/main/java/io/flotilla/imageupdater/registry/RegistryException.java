package io.flotilla.imageupdater.registry;

/**
 * A registry request that did not give what was asked. The message names the repository and the reason. Its
 * subclasses say whether asking again may help ({@link RegistryUnavailableException}) or not.
 */
public class RegistryException extends RuntimeException {

    public RegistryException(String message) {
        super(message);
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
