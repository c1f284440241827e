package io.flotilla.registrysecrets.pullsecret;

import java.util.Map;

/**
 * What a pull secret copies: the seed's data, or why it cannot be used. Its {@link #toString()} shows the digest,
 * never the data, so that no log line or message built from a seed can carry a credential.
 *
 * @param description where the seed comes from, for messages: {@code namespace/name}, or a fleet seed's name
 * @param data        the Secret data (base64 values, as a Secret holds them); null when the seed cannot be used
 * @param reason      why it cannot be used, as a condition reason ({@code SeedNotFound}...); null when usable
 * @param problem     the same for a person, naming the seed; null when usable
 */
public record Seed(String description, Map<String, String> data, String reason, String problem) {

    public static final String NOT_FOUND = "SeedNotFound";
    public static final String NOT_DOCKER_CONFIG_JSON = "SeedNotDockerConfigJson";
    public static final String NOT_NAMED = "SeedNotNamed";
    public static final String COPY_NAME_TAKEN = "CopyNameTaken";

    public Seed {
        data = data == null ? null : Map.copyOf(data);
    }

    public static Seed usable(String description, Map<String, String> data) {
        return new Seed(description, data, null, null);
    }

    public static Seed unusable(String description, String reason, String problem) {
        return new Seed(description, null, reason, problem);
    }

    public boolean isUsable() {
        return data != null;
    }

    /** The digest of the data ({@link SeedDigest}); null when the seed cannot be used. */
    public String digest() {
        return data == null ? null : SeedDigest.of(data);
    }

    @Override
    public String toString() {
        return "Seed[" + description + ", " + (isUsable() ? digest() : reason) + "]";
    }
}
