package io.flotilla.renderer.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


class YamlDocumentsTest {

    @Test
    void readsEveryDocumentAndLeavesOutEmptyOnes() throws InvalidYamlException {
        List<Object> documents = YamlDocuments.parse("""
                ---
                a: 1
                ---
                # only a comment
                ---
                b: [x, y]
                """);

        assertThat(documents).containsExactly(Map.of("a", 1), Map.of("b", List.of("x", "y")));
    }

    @Test
    void readsScalarsAsKubernetesDoes() throws InvalidYamlException {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) YamlDocuments.parse("""
                quoted: "1.0"
                number: 1.0
                count: 3
                flag: true
                empty:
                """).get(0);

        assertThat(document.get("quoted")).isEqualTo("1.0");
        assertThat(document.get("number")).isEqualTo(1.0);
        assertThat(document.get("count")).isEqualTo(3);
        assertThat(document.get("flag")).isEqualTo(true);
        assertThat(document).containsKey("empty");
        assertThat(document.get("empty")).isNull();
    }

    @Test
    void saysWhereAndWhyAFileIsNotYaml() {
        assertThatThrownBy(() -> YamlDocuments.parse("a: 1\nb:\n\tc: 2\n"))
                .isInstanceOfSatisfying(InvalidYamlException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("invalid YAML at line 3, column 1: ")
                            .contains("cannot start any token");
                });
    }

    /** Aliases are not expanded: a "billion laughs" stays the size of its text instead of taking the memory. */
    @Test
    void refusesAYamlBombInsteadOfExpandingIt() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*" + (char) (level - 1)))).append("]\n");
        }

        assertThatThrownBy(() -> YamlDocuments.parse(bomb.toString()))
                .isInstanceOf(InvalidYamlException.class).hasMessageContaining("aliases");
    }

    @Test
    void expandsAnchorsAliasesAndMergeKeysAndKeepsDatesAsText() throws Exception {
        List<Object> documents = YamlDocuments.parse("""
                defaults: &defaults {replicas: 2, tier: web}
                app:
                  <<: *defaults
                  tier: api
                  released: 2026-11-24
                  enabled: true
                """);

        assertThat(documents).containsExactly(Map.of(
                "defaults", Map.of("replicas", 2, "tier", "web"),
                "app", Map.of("replicas", 2, "tier", "api", "released", "2026-11-24", "enabled", true)));
    }
}
