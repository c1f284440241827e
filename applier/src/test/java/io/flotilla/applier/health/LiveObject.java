package io.flotilla.applier.health;

import java.io.UncheckedIOException;

import org.junit.jupiter.params.provider.Arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An object as a cluster holds it, written as JSON in a rule's table, and the health its kind's rule reads. */
final class LiveObject {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveObject() {
    }

    static Health health(String apiVersion, String kind, String live) {
        try {
            return HealthRules.health(apiVersion, kind, JSON.readTree(live));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row of a rule's table: what the object is like, the object, and the health expected of it. */
    static Arguments row(String situation, String live, Health expected) {
        return Arguments.of(situation, live, expected);
    }
}
