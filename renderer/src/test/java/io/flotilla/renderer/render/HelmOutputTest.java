package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HelmOutputTest {

    @Test
    void splitsTheManifestIntoObjectsAndLeavesOutTemplatesThatRenderedNothing() throws RenderException {
        String manifest = """
                ---
                # Source: app/templates/empty.yaml
                # nothing enabled
                ---
                # Source: app/templates/configmap.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                data:
                  text: |
                    --- not a separator
                ---
                # Source: app/templates/service.yaml
                apiVersion: v1
                kind: Service
                metadata:
                  name: b
                """;

        assertThat(HelmOutput.objects(manifest)).containsExactly(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a"),
                        "data", Map.of("text", "--- not a separator\n")),
                Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "b")));
    }

    @Test
    void namesTheTemplateThatRenderedSomethingOtherThanAnObject() {
        String manifest = """
                ---
                # Source: app/templates/ok.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                ---
                # Source: app/templates/list.yaml
                - just
                - a list
                """;

        assertThatThrownBy(() -> HelmOutput.objects(manifest)).isInstanceOf(RenderException.class)
                .hasMessage("app/templates/list.yaml: rendered a document that is not a Kubernetes object"
                        + " (no apiVersion or kind)");
    }
}
