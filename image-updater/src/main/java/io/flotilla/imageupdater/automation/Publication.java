package io.flotilla.imageupdater.automation;

import io.flotilla.events.ImageTagFound;

/**
 * An {@code ImageTagFound} to publish for one automated image of one branch ({@code automation} says which, for
 * {@link FollowedImages#published}).
 */
public record Publication(String automation, ImageTagFound event) {
}
