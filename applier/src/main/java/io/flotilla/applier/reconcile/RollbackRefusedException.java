package io.flotilla.applier.reconcile;

/**
 * A rollback that cannot be done as asked: the release or the revision is unknown, the revision kept no objects to go
 * back to, or the release's cluster does not answer. The message says which, in a user's words.
 */
public class RollbackRefusedException extends RuntimeException {

    /** Whether what was asked for does not exist (the release or the revision), rather than cannot be done now. */
    private final boolean unknown;

    public RollbackRefusedException(String message, boolean unknown) {
        super(message);
        this.unknown = unknown;
    }

    public boolean unknown() {
        return unknown;
    }
}
