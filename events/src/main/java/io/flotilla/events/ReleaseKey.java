package io.flotilla.events;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One release on one cluster: {@code cluster/namespace/name}. It is the Kafka key of every event
 * about the release, so they all land on one partition and are handled in order.
 */
public record ReleaseKey(String cluster, String namespace, String name) {

    public ReleaseKey {
        requireSegment(cluster, "cluster");
        requireSegment(namespace, "namespace");
        requireSegment(name, "name");
    }

    @JsonCreator
    public static ReleaseKey parse(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("release key '" + key + "' is not cluster/namespace/name");
        }
        return new ReleaseKey(parts[0], parts[1], parts[2]);
    }

    @JsonValue
    @Override
    public String toString() {
        return cluster + "/" + namespace + "/" + name;
    }

    private static void requireSegment(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException("release " + what + " '" + value + "' must be non-empty and have no '/'");
        }
    }
}
