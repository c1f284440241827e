package io.flotilla.applier.history;

/**
 * The release history could not be read or written: the database did not answer, or refused. Transient: the work
 * that needed it is tried again later, its record kept unacknowledged; it is never a reason to dead-letter.
 */
public class HistoryUnavailableException extends RuntimeException {

    HistoryUnavailableException(Throwable cause) {
        super("the release history could not be read or written: " + cause.getMessage(), cause);
    }
}
