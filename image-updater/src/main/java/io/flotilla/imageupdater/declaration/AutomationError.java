package io.flotilla.imageupdater.declaration;

/**
 * A declaration that cannot be followed, such as a filter of an unknown kind or an ImagePolicy whose
 * ImageRepository is missing: the file, the object (null where the fault is the file's) and the whole message,
 * which names both. Nothing of that object is scanned or published; the rest of the commit is.
 */
public record AutomationError(String file, String object, String message) {
}
