package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiVersionsAskedTest {

    @TempDir
    Path chart;

    @Test
    void aChartWhoseTemplatesNeverMentionThemDoesNotAsk() throws IOException {
        write("Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\ndescription: Capabilities.APIVersions\n");
        write("templates/deployment.yaml", "kind: Deployment\n{{ if .Capabilities.KubeVersion }}{{ end }}\n");

        assertThat(ApiVersionsAsked.asks(chart)).isFalse();
    }

    @Test
    void aHelperOfASubchartThatMentionsThemAsks() throws IOException {
        write("templates/deployment.yaml", "kind: Deployment\n");
        write("charts/metrics/templates/_helpers.tpl", "{{- define \"m\" -}}{{ $.Capabilities.APIVersions }}{{- end }}");

        assertThat(ApiVersionsAsked.asks(chart)).isTrue();
    }

    @Test
    void aPackagedSubchartCountsAsAsking() throws IOException {
        write("templates/deployment.yaml", "kind: Deployment\n");
        write("charts/metrics-1.0.0.tgz", "not read");

        assertThat(ApiVersionsAsked.asks(chart)).isTrue();
    }

    private void write(String file, String text) throws IOException {
        Path path = chart.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
