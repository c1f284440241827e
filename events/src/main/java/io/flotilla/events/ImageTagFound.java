package io.flotilla.events;

/** The tag a policy ({@code glob:}, {@code semver:}, {@code regex:}) chose for an image repository. */
public record ImageTagFound(String repository, String tag, String digest, String policy) implements Event {

    @Override
    public String key() {
        return repository;
    }
}
