package io.flotilla.renderer.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * {@link YamlDocuments} reads most texts from the parser's events ({@link EventDocuments}) and the rest with
 * SnakeYAML's loader: both ways must give what SnakeYAML's loader alone gives, with the resolver's types as they
 * were before either shortcut (regular expressions for every scalar).
 */
class EventDocumentsTest {

    private static final String TRICKY = """
            kind: Deployment
            yes: Yes
            no: NO
            on: off
            name: nginx
            tilde: ~
            nulls: [null, Null, NULL, nil, None]
            empty:
            numbers: [0, 7, -3, +4, 017, 0x1F, 0b101, 1_000, 1:30, 1.5, -.5, .inf, -.Inf, .NaN, 1e3, 6.0e-1, 12345678901234567890]
            notNumbers: [1.2.3, 0x, 1:60, 08, v1, 1.0.0-rc1, "1", '2.0']
            dates: [2026-11-24, 2026-11-24T10:00:00Z]
            quoted: "true"
            single: 'null'
            block: |
              line one
              line two
            folded: >-
              folded
              text
            flow: {a: 1, b: [x, "y", {c: ~}]}
            nonSpecific: ! 12
            repeated: first
            other: 1
            repeated: second
            ? plain key
            : value
            3: three
            true: yes
            "": blank key
            ---
            # a comment only
            ---
            - a
            - - nested
              - 2
            ---
            just a scalar
            ---
            ~
            """;

    private static final String NEEDS_LOADER = """
            defaults: &defaults {replicas: 2}
            app:
              <<: *defaults
              tier: api
            tagged: !!str 12
            set: !!set {a, b}
            ? [complex, key]
            : value
            """;

    @Test
    void readsWhatSnakeYamlsLoaderReadsWithTheSameTypes() throws Exception {
        assertThat(YamlDocuments.parse(TRICKY)).isEqualTo(reference(TRICKY));
        assertThat(new EventDocuments(new LoaderOptions(), new YamlDocuments.KubernetesResolver()).read(TRICKY))
                .as("a text with nothing that needs the node graph is read from the events")
                .isEqualTo(reference(TRICKY));
    }

    @Test
    void keepsTheKeyGivenTwiceAtItsLastPlaceWithItsLastValue() throws Exception {
        String text = "a: 1\nb: 2\na: 3\n";

        assertThat(YamlDocuments.parse(text)).isEqualTo(reference(text));
        List<Object> keys = new ArrayList<>(((Map<?, ?>) YamlDocuments.parse(text).get(0)).keySet());
        assertThat(keys).containsExactly("b", "a");
    }

    @Test
    void leavesAnchorsAliasesTagsMergeKeysAndComplexKeysToTheLoader() throws Exception {
        assertThat(new EventDocuments(new LoaderOptions(), new YamlDocuments.KubernetesResolver()).read(NEEDS_LOADER))
                .isNull();
        assertThat(YamlDocuments.parse(NEEDS_LOADER)).isEqualTo(reference(NEEDS_LOADER));
    }

    @Test
    void leavesNestingNearTheLimitToTheLoader() throws Exception {
        String deep = "a: ".repeat(60) + "end\n";

        assertThat(new EventDocuments(new LoaderOptions(), new YamlDocuments.KubernetesResolver()).read(deep))
                .isNull();
    }

    @Test
    void readsTextThatIsNoYamlAsTheLoaderDoes() {
        for (String broken : List.of("a: 1\nb:\n\tc: 2\n", "a: [1, 2\n", "a: 'open\n", "- a\nb: c\n")) {
            assertThat(new EventDocuments(new LoaderOptions(), new YamlDocuments.KubernetesResolver()).read(broken))
                    .as(broken).isNull();
        }
    }

    /** Every YAML file of the repository's examples and of the renderer's tests, read both ways. */
    @Test
    void readsEveryYamlFileOfTheRepositoryAsTheLoaderDoes() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("../examples"), Path.of("src/test/resources"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                        .forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Object expected;
            try {
                expected = reference(text);
            } catch (RuntimeException e) {
                expected = "not YAML";
            }
            Object read;
            try {
                read = YamlDocuments.parse(text);
            } catch (InvalidYamlException e) {
                read = "not YAML";
            }
            assertThat(read).as(file.toString()).isEqualTo(expected);
        }
    }

    /** SnakeYAML's loader with the resolver's types as Kubernetes reads them, found by regular expressions alone. */
    private static List<Object> reference(String text) {
        LoaderOptions options = new LoaderOptions();
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options,
                new YamlDocuments.KubernetesTypes());
        List<Object> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(text)) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }
}
