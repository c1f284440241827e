package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CompressedObjectsTest {

    @Test
    void objectsComeBackAsTheyWent() {
        List<Map<String, Object>> objects = List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a"), "data", Map.of("k", "v")),
                Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", "apps")));

        assertThat(CompressedObjects.of(objects).objects()).isEqualTo(objects);
    }

    @Test
    void repetitiveManifestsShrink() {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            objects.add(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "config-" + i),
                    "data", Map.of("greeting", "hello from the same chart, again and again")));
        }
        int plainJson = EventCodec.mapper().valueToTree(objects).toString().length();

        assertThat(CompressedObjects.of(objects).encodedSize()).isLessThan(plainJson / 5);
    }

    @Test
    void garbageIsReportedNotSwallowed() {
        assertThatThrownBy(() -> new CompressedObjects("bm90IGd6aXA=").objects())
                .isInstanceOf(EventFormatException.class).hasMessageContaining("not gzipped JSON");
    }
}
