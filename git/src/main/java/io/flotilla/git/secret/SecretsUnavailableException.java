package io.flotilla.git.secret;

/** A store of Secrets cannot be read for now (the cluster does not answer): asking again later may work. */
public class SecretsUnavailableException extends RuntimeException {

    public SecretsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
