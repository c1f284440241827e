package io.flotilla.events;

/** A record a service could not handle: kept with the error so that nothing is lost silently. */
public record DeadLetter(String service, String topic, String originalKey, String record, String error)
        implements Event {

    @Override
    public String key() {
        return originalKey == null ? service : originalKey;
    }
}
