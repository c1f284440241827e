package io.flotilla.imageupdater.automation;

import io.flotilla.events.ImageTagFound;

/** Where an {@code ImageTagFound} goes: the {@code images} topic. */
public interface TagTopic {

    /** Publishes {@code event} as the first event of a journey; returns once it is on the topic, with its correlation id. */
    String publish(ImageTagFound event);
}
