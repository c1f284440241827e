package io.flotilla.applier.cluster;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.http.HttpClosedException;

/** The API server of a cluster could not be reached at all: no answer, as opposed to a refusal. */
public class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(String cluster, String server, Throwable cause) {
        super("cluster '" + cluster + "' is unreachable at " + server + ": " + rootMessage(cause), cause);
    }

    /** A cluster that cannot be reached for a reason {@code message} says in full. */
    protected ClusterUnreachableException(String message) {
        super(message);
    }

    /**
     * True when the failure is about the connection, not an answer of the API server: refused, timed out, or closed
     * before the answer came, as when a cluster that hung drops what it held.
     */
    public static boolean isConnectionFailure(KubernetesClientException e) {
        if (e.getStatus() != null || e.getCode() > 0) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
