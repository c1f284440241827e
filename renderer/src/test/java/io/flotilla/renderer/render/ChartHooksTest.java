package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ChartHooksTest {

    @Test
    void hidesHookAnnotationKeysAndLeavesTheSameTextInValuesAlone() {
        String template = """
                metadata:
                  annotations:
                    "helm.sh/hook": pre-install
                    helm.sh/hook-weight: "-5"
                    'helm.sh/hook-delete-policy': hook-succeeded
                    {{- if .Values.test }}helm.sh/hook: test{{ end }}
                    docs: "runs as a helm.sh/hook: pre-install, see helm.sh/hook-weight"
                data:
                  flow: {"helm.sh/hook": post-install, note: helm.sh/hook}
                """;

        assertThat(ChartHooks.hidden(template)).isEqualTo("""
                metadata:
                  annotations:
                    "hook.flotilla.io/helm": pre-install
                    hook.flotilla.io/helm-weight: "-5"
                    'hook.flotilla.io/helm-delete-policy': hook-succeeded
                    {{- if .Values.test }}hook.flotilla.io/helm: test{{ end }}
                    docs: "runs as a helm.sh/hook: pre-install, see helm.sh/hook-weight"
                data:
                  flow: {"hook.flotilla.io/helm": post-install, note: helm.sh/hook}
                """);
    }

    @Test
    void takesOnlyAnObjectWithTheHookAnnotationForAHookAndGivesEveryKeyBackItsName() {
        Map<String, Object> hook = object("migrate", Map.of(ChartHooks.HIDDEN, "pre-install",
                ChartHooks.HIDDEN + "-weight", "-5"));
        Map<String, Object> weighted = object("weighted", Map.of(ChartHooks.HIDDEN + "-weight", "3"));
        Map<String, Object> plain = object("plain", Map.of("team", "shop"));

        List<Map<String, Object>> restored = ChartHooks.restore(List.of(hook, weighted, plain));

        assertThat(restored).containsExactly(
                object("weighted", Map.of("helm.sh/hook-weight", "3")),
                object("plain", Map.of("team", "shop")),
                object("migrate", Map.of("helm.sh/hook", "pre-install", "helm.sh/hook-weight", "-5")));
    }

    private static Map<String, Object> object(String name, Map<String, Object> annotations) {
        return new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata",
                new LinkedHashMap<>(Map.of("name", name, "annotations", annotations))));
    }
}
