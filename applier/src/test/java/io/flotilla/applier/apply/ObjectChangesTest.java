package io.flotilla.applier.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the diff shows of a Secret: that its data changes, never a value, whether a key or the whole data changes. */
class ObjectChangesTest {

    @Test
    void aSecretGivenDataForTheFirstTimeShowsNoValue() {
        Map<String, Object> live = secret(null);
        Map<String, Object> applied = secret(Map.of("password", "c2VjcmV0"));

        assertThat(ObjectChanges.between(live, applied))
                .containsExactly(new FieldChange("data", null, ObjectChanges.HIDDEN));
    }

    @Test
    void aSecretLosingAllItsDataShowsNoValue() {
        assertThat(ObjectChanges.between(secret(Map.of("password", "c2VjcmV0")), secret(null)))
                .containsExactly(new FieldChange("data", ObjectChanges.HIDDEN, null));
    }

    @Test
    void aSecretKeyChangedShowsNoValue() {
        assertThat(ObjectChanges.between(secret(Map.of("password", "b2xk")), secret(Map.of("password", "bmV3"))))
                .containsExactly(new FieldChange("data.password", ObjectChanges.HIDDEN, ObjectChanges.HIDDEN));
    }

    @Test
    void aConfigMapsDataIsShown() {
        Map<String, Object> live = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c"));
        Map<String, Object> applied = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c"),
                "data", Map.of("colour", "blue"));

        assertThat(ObjectChanges.between(live, applied))
                .containsExactly(new FieldChange("data", null, Map.of("colour", "blue")));
    }

    private static Map<String, Object> secret(Map<String, Object> data) {
        return data == null ? Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"))
                : Map.of("apiVersion", "v1", "kind", "Secret", "metadata", Map.of("name", "db"), "data", data);
    }
}
