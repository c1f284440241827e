package io.flotilla.imageupdater.registry;

/** The registry refuses the request (401 or 403) with the credentials it was given, or none were given. */
public class RegistryAuthenticationException extends RegistryException {

    public RegistryAuthenticationException(String message) {
        super(message);
    }
}
