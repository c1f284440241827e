package io.flotilla.renderer.render;

import static io.flotilla.testing.fixtures.HelmReleaseYaml.fleetSource;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2FromHelmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.helmRepository;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.HelmRepositoryServer;

/**
 * Every kind of bad input the issue lists, in one commit after a good one: each bad release is Failed with
 * its file, its HelmRelease and the reason; the release nobody broke renders on; nothing is withdrawn.
 */
class BadInputTest {

    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;
    private HelmRepositoryServer charts;

    @BeforeEach
    void setUp() {
        charts = HelmRepositoryServer.start(temp.resolve("helm-repo")).chart("app", "1.4.0");
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app").chart("broken", "charts/broken")
                .write("flux-system/sources.yaml", fleetSource() + "---\n" + helmRepository("charts", charts.url(), "")
                        + "---\n" + helmRepository("gone", "http://charts.invalid/charts", ""));
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(PROD));
    }

    @AfterEach
    void tearDown() {
        renderer.close();
        repo.close();
        charts.close();
    }

    @Test
    void failsEachBadReleaseWithItsFileObjectAndReasonRendersTheRestAndWithdrawsNothing() {
        for (String name : List.of("path", "template", "escape")) {
            repo.write("releases/prod/" + name + ".yaml", fluxV1("apps", name, "charts/app", ""));
        }
        for (String name : List.of("range", "unreachable", "values", "missing", "bomb")) {
            repo.write("releases/prod/" + name + ".yaml", fluxV2("apps", name, "./charts/app", ""));
        }
        repo.write("releases/prod/fine.yaml", fluxV1("apps", "fine", "charts/app", ""));
        assertThat(renderer.render(repo.commit("all good"))).hasSize(9)
                .allSatisfy(release -> assertThat(release.error()).isNull());

        repo.write("releases/prod/path.yaml", fluxV1("apps", "path", "charts/nope", ""))
                .write("releases/prod/range.yaml", fluxV2FromHelmRepository("range", "charts", "^9.0.0", ""))
                .write("releases/prod/unreachable.yaml", fluxV2FromHelmRepository("unreachable", "gone", "1.x", ""))
                .write("releases/prod/values.yaml", fluxV2("apps", "values", "./charts/app", """
                        valuesFrom:
                          - kind: ConfigMap
                            name: bad-values
                        """) + "---\n" + configMap("bad-values", "replicas: [2\n"))
                .write("releases/prod/template.yaml", fluxV1("apps", "template", "charts/broken", ""))
                .write("releases/prod/missing.yaml", fluxV2("apps", "missing", "./charts/app", """
                        valuesFrom:
                          - kind: Secret
                            name: not-there
                        """))
                .write("releases/prod/escape.yaml", fluxV1("apps", "escape", "charts/../../outside", ""))
                .write("releases/prod/bomb.yaml", fluxV2("apps", "bomb", "./charts/app", """
                        valuesFrom:
                          - kind: ConfigMap
                            name: bomb-values
                        """) + "---\n" + configMap("bomb-values", bomb()));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("everything that can go wrong"));

        assertThat(rendered).noneMatch(ReleaseRendered::removed);
        assertThat(rendered).extracting(release -> release.release().name()).doesNotContain("apps-fine");
        assertThat(error(rendered, "apps-path")).isEqualTo("releases/prod/path.yaml: HelmRelease apps/path:"
                + " spec.chart.path 'charts/nope' does not exist at " + shortSha(rendered));
        assertThat(error(rendered, "range")).isEqualTo("releases/prod/range.yaml: HelmRelease apps/range:"
                + " spec.chart.spec: no version of chart 'app' in " + charts.url() + " matches '^9.0.0'");
        assertThat(error(rendered, "unreachable")).startsWith("releases/prod/unreachable.yaml: HelmRelease"
                + " apps/unreachable: spec.chart.spec: the Helm repository http://charts.invalid/charts cannot be reached");
        assertThat(error(rendered, "values")).startsWith("releases/prod/values.yaml: HelmRelease apps/values:"
                + " spec.valuesFrom[0]: ConfigMap apps/bad-values key 'values.yaml' is not valid YAML: invalid YAML at line 2");
        assertThat(error(rendered, "apps-template")).isEqualTo("releases/prod/template.yaml: HelmRelease"
                + " apps/template: parse error at (broken/templates/configmap.yaml:6): function \"nosuchfunction\""
                + " not defined");
        assertThat(error(rendered, "missing")).isEqualTo("releases/prod/missing.yaml: HelmRelease apps/missing:"
                + " spec.valuesFrom[0]: Secret apps/not-there is not in the repository");
        assertThat(error(rendered, "apps-escape")).isEqualTo("releases/prod/escape.yaml: HelmRelease apps/escape:"
                + " spec.chart.path 'charts/../../outside' points outside the repository");
        assertThat(error(rendered, "bomb")).startsWith("releases/prod/bomb.yaml: HelmRelease apps/bomb:"
                + " spec.valuesFrom[0]: ConfigMap apps/bomb-values key 'values.yaml' is not valid YAML: ");
        assertThat(error(rendered, "bomb")).contains("aliases");
    }

    @Test
    void reportsTheReleasesOfAHelmReleaseFileThatCanNoLongerBeReadAsFailedAndNeverAsRemoved() {
        for (String name : List.of("syntax", "bomb", "nameless")) {
            repo.write("releases/prod/" + name + ".yaml", fluxV2("apps", name, "./charts/app", ""));
        }
        repo.write("releases/prod/fine.yaml", fluxV1("apps", "fine", "charts/app", ""));
        assertThat(renderer.render(repo.commit("all good"))).hasSize(4)
                .allSatisfy(release -> assertThat(release.error()).isNull());

        repo.write("releases/prod/syntax.yaml", fluxV2("apps", "syntax", "./charts/app", "values: [oops\n"))
                .write("releases/prod/bomb.yaml", fluxV2("apps", "bomb", "./charts/app", "values:\n"
                        + bomb().indent(2)))
                .write("releases/prod/nameless.yaml", fluxV2("apps", "nameless", "./charts/app", "")
                        .replace("  name: nameless\n", ""));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("three HelmRelease files broken"));

        assertThat(rendered).noneMatch(ReleaseRendered::removed);
        assertThat(rendered).extracting(release -> release.release().name()).doesNotContain("apps-fine");
        assertThat(error(rendered, "syntax")).startsWith("releases/prod/syntax.yaml: release apps/syntax: its"
                + " file cannot be read, so the release is kept as it is: invalid YAML at line 16, column 1");
        assertThat(error(rendered, "bomb")).startsWith("releases/prod/bomb.yaml: release apps/bomb: its file"
                + " cannot be read, so the release is kept as it is: invalid YAML").contains("aliases");
        assertThat(error(rendered, "nameless")).isEqualTo("releases/prod/nameless.yaml: release apps/nameless:"
                + " its file cannot be read, so the release is kept as it is: HelmRelease in document 1:"
                + " metadata.name is required");
        assertThat(rendered).filteredOn(release -> release.release().name().equals("releases-prod")).singleElement()
                .satisfies(folder -> assertThat(folder.error()).contains("releases/prod/syntax.yaml: invalid YAML")
                        .contains("releases/prod/bomb.yaml: invalid YAML")
                        .contains("releases/prod/nameless.yaml: HelmRelease in document 1: metadata.name is required"));
    }

    /** A billion laughs: nine levels of nine aliases each. */
    private static String bomb() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String previous = "a";
        for (String level : List.of("b", "c", "d", "e", "f", "g", "h", "i")) {
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*" + previous))).append("]\n");
            previous = level;
        }
        return bomb.toString();
    }

    private static String configMap(String name, String values) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  namespace: apps
                data:
                  values.yaml: |
                %s""".formatted(name, values.indent(4));
    }

    private static String shortSha(List<ReleaseRendered> rendered) {
        return rendered.get(0).sourceSha().substring(0, 7);
    }

    private static String error(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().equals(name)).findFirst().orElseThrow()
                .error();
    }
}
