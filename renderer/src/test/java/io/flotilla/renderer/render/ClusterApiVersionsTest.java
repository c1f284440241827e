package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterApiVersionsTest {

    private static final List<String> SERVED = List.of("v1", "v1/Pod", "monitoring.coreos.com/v1");
    private static final String HAS = "hasKey (dict \"v1\" true \"v1/Pod\" true \"monitoring.coreos.com/v1\" true)";
    private static final String ALL = "(list \"v1\" \"v1/Pod\" \"monitoring.coreos.com/v1\")";

    @Test
    void answersHasFromTheClusterWhateverHoldsTheCapabilitiesAndHoweverTheVersionIsGiven() {
        String template = """
                {{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}
                {{- if and (not ($.Capabilities.APIVersions.Has "policy/v1")) .Values.pdb }}
                {{- $root := . }}{{ with .Values }}{{ $root.Capabilities.APIVersions.Has (printf "%s/v1" .group) }}{{ end }}
                {{ "v1/Pod" | .Capabilities.APIVersions.Has }}
                """;

        assertThat(ClusterApiVersions.inlined(template, SERVED)).isEqualTo("""
                {{- if %1$s "monitoring.coreos.com/v1" }}
                {{- if and (not (%1$s "policy/v1")) .Values.pdb }}
                {{- $root := . }}{{ with .Values }}{{ %1$s (printf "%%s/v1" .group) }}{{ end }}
                {{ "v1/Pod" | %1$s }}
                """.formatted(HAS));
    }

    @Test
    void givesTheListItselfWhereTheTemplateTakesAllTheVersions() {
        String template = """
                versions: {{ toYaml .Capabilities.APIVersions | nindent 2 }}
                {{- range $.Capabilities.APIVersions }}{{ . }}{{ end }}
                {{- if has "v1" $.Capabilities.APIVersions }}core{{ end }}
                """;

        assertThat(ClusterApiVersions.inlined(template, SERVED)).isEqualTo("""
                versions: {{ toYaml %1$s | nindent 2 }}
                {{- range %1$s }}{{ . }}{{ end }}
                {{- if has "v1" %1$s }}core{{ end }}
                """.formatted(ALL));
    }

    @Test
    void leavesTextStringsCommentsAndOtherFieldsAlone() {
        String template = """
                # needs .Capabilities.APIVersions.Has "x"
                {{/* .Capabilities.APIVersions.Has "x" */}}
                note: {{ ".Capabilities.APIVersions.Has }}" | quote }} {{ `.Capabilities.APIVersions` }}
                value: {{ .Values.Capabilities.APIVersions.Has }} {{ .Capabilities.APIVersionsSeen }}
                """;

        assertThat(ClusterApiVersions.inlined(template, SERVED)).isEqualTo(template);
    }

    @Test
    void leavesEveryTemplateAsItIsWhenTheClustersVersionsAreNotKnown() {
        String template = "{{ if .Capabilities.APIVersions.Has \"monitoring.coreos.com/v1\" }}yes{{ end }}\n";

        assertThat(ClusterApiVersions.inlined(template, List.of())).isEqualTo(template);
    }
}
