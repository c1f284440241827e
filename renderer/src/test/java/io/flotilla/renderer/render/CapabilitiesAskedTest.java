package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapabilitiesAskedTest {

    @TempDir
    Path chart;

    @Test
    void aChartWhoseTemplatesNeverReadThemAndThatSetsNoKubeVersionDoesNotAsk() throws IOException {
        write("Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndescription: reads no .Capabilities.\n");
        write("templates/deployment.yaml", "kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n");

        assertThat(CapabilitiesAsked.asks(chart)).isFalse();
    }

    @Test
    void aHelperOfASubchartThatReadsTheApiVersionsAsks() throws IOException {
        write("templates/deployment.yaml", "kind: Deployment\n");
        write("charts/metrics/templates/_helpers.tpl", "{{- define \"m\" -}}{{ $.Capabilities.APIVersions }}{{- end }}");

        assertThat(CapabilitiesAsked.asks(chart)).isTrue();
    }

    @Test
    void aTemplateThatComparesTheKubernetesVersionAsks() throws IOException {
        write("templates/pdb.yaml", "{{ if semverCompare \">=1.21\" .Capabilities.KubeVersion.Version }}{{ end }}");

        assertThat(CapabilitiesAsked.asks(chart)).isTrue();
    }

    @Test
    void aKubeVersionConstraintAsks() throws IOException {
        write("Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\nkubeVersion: \">=1.25.0\"\n");
        write("templates/deployment.yaml", "kind: Deployment\n");

        assertThat(CapabilitiesAsked.asks(chart)).isTrue();
    }

    @Test
    void aPackagedSubchartCountsAsAsking() throws IOException {
        write("templates/deployment.yaml", "kind: Deployment\n");
        write("charts/metrics-1.0.0.tgz", "not read");

        assertThat(CapabilitiesAsked.asks(chart)).isTrue();
    }

    private void write(String file, String text) throws IOException {
        Path path = chart.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
