package io.flotilla.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfflineLookupTest {

    @Test
    void answersEveryLookupCallWithAnEmptyMapAndLeavesTextAlone() {
        String template = """
                # lookup finds nothing at render time
                {{- $secret := lookup "v1" "Secret" .Release.Namespace "db" }}
                {{- range $i, $node := (lookup "v1" "Node" "" "").items }}{{ $node }}{{ end }}
                lookup: {{ .Values.lookup | quote }}
                """;

        assertThat(OfflineLookup.emptied(template)).isEqualTo("""
                # lookup finds nothing at render time
                {{- $secret := pick (dict) "v1" "Secret" .Release.Namespace "db" }}
                {{- range $i, $node := (pick (dict) "v1" "Node" "" "").items }}{{ $node }}{{ end }}
                lookup: {{ .Values.lookup | quote }}
                """);
    }
}
