package io.flotilla.renderer.chart;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A Helm repository or OCI registry cannot be reached for now (the connection fails or times out, or it answers
 * with a server error): not the release's fault, so the commit is rendered again once it can be, rather than the
 * release failing. A host that does not exist is a mistake in the release, not an outage: that fails the release
 * ({@link ChartNotFoundException}).
 */
public class ChartSourceUnavailableException extends RuntimeException {

    public ChartSourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChartSourceUnavailableException(String message) {
        super(message);
    }

    /** Whether an I/O failure of a request means the host does not exist, rather than that it cannot be reached. */
    static boolean unknownHost(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    /** Whether an HTTP status says the server is in trouble for now, so asking again later may work. */
    static boolean transientStatus(int status) {
        return status == 429 || status / 100 == 5;
    }
}
