package io.flotilla.observer.notify;

/** The JSON one kind of receiver takes. */
interface MessageFormat {

    /** @param link the dashboard page of the commit's journey (or of the release, when no commit is known) */
    String body(Notification notification, String link);
}
