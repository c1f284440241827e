package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartHooksTest {

    @TempDir
    Path temp;

    @Test
    void givesEveryStringItsTextBackAndTakesOnlyAnObjectWithTheHookAnnotationForAHook() {
        Map<String, Object> hook = object("migrate", Map.of(ChartHooks.HIDDEN, "pre-install",
                ChartHooks.HIDDEN + "-weight", "-5"));
        Map<String, Object> weighted = object("weighted", Map.of(ChartHooks.HIDDEN + "-weight", "3",
                "docs", "runs as a " + ChartHooks.HIDDEN + ": pre-install"));
        Map<String, Object> plain = object("plain", Map.of("team", "shop"));

        ChartHooks.Revealed read = ChartHooks.read(List.of(hook, weighted, plain), true);

        assertThat(read.objects()).containsExactly(
                object("weighted", Map.of("helm.sh/hook-weight", "3", "docs", "runs as a helm.sh/hook: pre-install")),
                object("plain", Map.of("team", "shop")),
                object("migrate", Map.of("helm.sh/hook", "pre-install", "helm.sh/hook-weight", "-5")));
    }

    @Test
    void leavesOutAHookOfAPhaseHelmDoesNotKnowAsHelmDoes() {
        Map<String, Object> legacy = object("legacy", Map.of(ChartHooks.HIDDEN, "crd-install"));
        Map<String, Object> test = object("test", Map.of(ChartHooks.HIDDEN, "test"));

        assertThat(ChartHooks.read(List.of(legacy, test), true).objects())
                .containsExactly(object("test", Map.of("helm.sh/hook", "test")));
    }

    @Test
    void readsTheChartsHelmKeptFromItsOwnTemplateAndLeavesThatObjectOut() {
        Map<String, Object> kept = Map.of("apiVersion", ChartHooks.CRDS_API_VERSION, "kind", "ChartCrds", "charts",
                List.of(Map.of("path", List.of(), "crds", List.of("crds/a.yaml")),
                        Map.of("path", List.of("sub"), "crds", List.of())));

        ChartHooks.Revealed read = ChartHooks.read(List.of(kept, object("plain", Map.of())), false);

        assertThat(read.objects()).containsExactly(object("plain", Map.of()));
        assertThat(read.crds()).containsExactly(new ChartCrds.KeptChart(List.of(), List.of("crds/a.yaml")),
                new ChartCrds.KeptChart(List.of("sub"), List.of()));
    }

    @Test
    void wrapsTheTemplatesHelmRendersButNotPartialsNotesNorALibraryChartsTemplates() throws Exception {
        Path chart = temp.resolve("charts/app");
        write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: app\nversion: 1.0.0\n");
        write(chart.resolve("templates/deploy.yaml"), "kind: {{ lookup \"v1\" \"Pod\" \"\" \"\" }}\n");
        write(chart.resolve("templates/_helpers.tpl"), "{{- define \"x\" }}{{ end }}\n");
        write(chart.resolve("templates/NOTES.txt"), "thanks\n");
        write(chart.resolve("charts/lib/Chart.yaml"), "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n");
        write(chart.resolve("charts/lib/templates/lib.yaml"), "kind: Lib\n");
        write(chart.resolve("charts/lib/crds/libs.yaml"), "kind: CustomResourceDefinition\n");

        Path copy = ChartHooks.revealing(chart, List.of());

        assertThat(Files.readString(copy.resolve("templates/deploy.yaml"))).contains("include", ChartHooks.ORIGINAL,
                "replace \"helm.sh/hook\"");
        assertThat(Files.readString(copy.resolve("templates/" + ChartHooks.ORIGINAL + "deploy.yaml")))
                .isEqualTo("kind: {{ pick (dict) \"v1\" \"Pod\" \"\" \"\" }}\n");
        assertThat(copy.resolve("templates/" + ChartHooks.ORIGINAL + "_helpers.tpl")).doesNotExist();
        assertThat(Files.readString(copy.resolve("templates/NOTES.txt"))).isEqualTo("thanks\n");
        assertThat(Files.readString(copy.resolve("charts/lib/templates/lib.yaml"))).isEqualTo("kind: Lib\n");
        assertThat(copy.resolve("templates/" + ChartHooks.CRDS_TEMPLATE)).exists();
        assertThat(Files.readString(ChartHooks.plain(chart, List.of()).resolve("templates/deploy.yaml")))
                .isEqualTo("kind: {{ pick (dict) \"v1\" \"Pod\" \"\" \"\" }}\n");
    }

    @Test
    void wrapsOnlyWhereTheChartOrTheValuesMentionAHook() throws Exception {
        Path chart = temp.resolve("charts/plain");
        write(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: plain\nversion: 1.0.0\n");
        write(chart.resolve("templates/cm.yaml"), "kind: ConfigMap\nmetadata:\n  annotations: {{ toYaml .Values.a }}\n");
        write(chart.resolve("crds/things.yaml"), "kind: CustomResourceDefinition\n");
        Path hooked = temp.resolve("charts/hooked");
        write(hooked.resolve("Chart.yaml"), "apiVersion: v2\nname: hooked\nversion: 1.0.0\n");
        write(hooked.resolve("templates/cm.yaml"), "kind: ConfigMap\n");
        write(hooked.resolve("values.yaml"), "a:\n  helm.sh/hook: pre-install\n");

        Path unwrapped = ChartHooks.forValues(chart, List.of(), "{\"a\":{\"b\":\"c\"}}".getBytes());
        Path fromValues = ChartHooks.forValues(chart, List.of(), "{\"a\":{\"helm.sh/hook\":\"test\"}}".getBytes());
        Path fromChart = ChartHooks.forValues(hooked, List.of(), "{}".getBytes());

        assertThat(Files.readString(unwrapped.resolve("templates/cm.yaml"))).doesNotContain("include");
        assertThat(unwrapped.resolve("templates/" + ChartHooks.CRDS_TEMPLATE)).exists();
        assertThat(ChartHooks.keepsLines(unwrapped)).isTrue();
        assertThat(Files.readString(fromValues.resolve("templates/cm.yaml"))).contains(ChartHooks.ORIGINAL);
        assertThat(ChartHooks.keepsLines(fromValues)).isFalse();
        assertThat(Files.readString(fromChart.resolve("templates/cm.yaml"))).contains(ChartHooks.ORIGINAL);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static Map<String, Object> object(String name, Map<String, Object> annotations) {
        return new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata",
                new LinkedHashMap<>(Map.of("name", name, "annotations", annotations))));
    }
}
