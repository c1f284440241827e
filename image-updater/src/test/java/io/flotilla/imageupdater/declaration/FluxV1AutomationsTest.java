package io.flotilla.imageupdater.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Flux v1 HelmRelease automation annotations, as users write them, read into the images to follow. */
class FluxV1AutomationsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String FILE = "releases/dev/podinfo.yaml";

    private static List<Automation> read(String yaml) throws Exception {
        return FluxV1Automations.read(FILE, YAML.readValue(yaml, new TypeReference<Map<String, Object>>() { }));
    }

    /**
     * {@code releases/dev/podinfo.yaml}: HelmRelease dev/podinfo with {@code annotations} under
     * {@code metadata.annotations} and {@code values} under {@code spec.values}, each given without indentation.
     */
    private static List<Automation> podinfoInDev(String annotations, String values) throws Exception {
        return read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: podinfo
                  namespace: dev
                  annotations:
                %s\
                spec:
                  values:
                %s""".formatted(annotations.indent(4), values.indent(4)));
    }

    private static List<Object> described(List<Automation> automations) {
        return automations.stream().map(a -> (Object) tuple(a.container(), a.imageRepository().toString(),
                a.currentTag(), a.policy().describe(), a.repositoryPath(), a.tagPath())).toList();
    }

    @Test
    void theChartImageWithRepositoryAndTagFieldsFollowsItsFilter() throws Exception {
        List<Automation> automations = read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: mongodb
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: semver:~4.0
                spec:
                  releaseName: mongodb
                  chart:
                    repository: https://charts.bitnami.com/bitnami
                    name: mongodb
                    version: 4.0.4
                  values:
                    image:
                      repository: bitnami/mongodb
                      tag: 4.0.3
                    persistence:
                      enabled: false
                """);

        assertThat(described(automations)).containsExactly(tuple("chart-image",
                "registry-1.docker.io/bitnami/mongodb", "4.0.3", "semver:~4.0", "spec.values.image.repository",
                "spec.values.image.tag"));
        assertThat(automations.get(0).oneString()).isFalse();
    }

    @Test
    void imagesUnderSubsectionsAreNamedByTheirKeyInEitherFormChartImageFirst() throws Exception {
        List<Automation> automations = read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: monitoring
                  namespace: ops
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/prometheus: semver:~2.3
                    filter.fluxcd.io/alertmanager: glob:v0.15.*
                    filter.fluxcd.io/nats: regex:^0.6.*
                spec:
                  chart:
                    git: git@github.com:myorg/charts
                    path: charts/monitoring
                  values:
                    image: myorg/monitoring-ui:1.0.0
                    prometheus:
                      image: prom/prometheus:v2.3.1
                    alertmanager:
                      image: prom/alertmanager:v0.15.0
                    nats:
                      image:
                        repository: nats-streaming
                        tag: 0.6.0
                """);

        assertThat(described(automations)).containsExactly(
                tuple("chart-image", "registry-1.docker.io/myorg/monitoring-ui", "1.0.0", "glob:*",
                        "spec.values.image", "spec.values.image"),
                tuple("alertmanager", "registry-1.docker.io/prom/alertmanager", "v0.15.0", "glob:v0.15.*",
                        "spec.values.alertmanager.image", "spec.values.alertmanager.image"),
                tuple("nats", "registry-1.docker.io/library/nats-streaming", "0.6.0", "regex:^0.6.*",
                        "spec.values.nats.image.repository", "spec.values.nats.image.tag"),
                tuple("prometheus", "registry-1.docker.io/prom/prometheus", "v2.3.1", "semver:~2.3",
                        "spec.values.prometheus.image", "spec.values.prometheus.image"));
        assertThat(automations.get(0).oneString()).isTrue();
    }

    @Test
    void annotationsMapAContainerToPathsOfTheirOwnAndWinOverWhatIsFoundThere() throws Exception {
        List<Automation> automations = read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: podinfo
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    repository.fluxcd.io/app: appImage
                    tag.fluxcd.io/app: appTag
                    filter.fluxcd.io/app: 'glob:dev-*'
                    registry.fluxcd.io/submarine: sub.marinesystem.reg
                    repository.fluxcd.io/submarine: sub.marinesystem.img
                    tag.fluxcd.io/submarine: sub.marinesystem.tag
                    repository.fluxcd.io/sidecar: sidecar.ref
                spec:
                  chart:
                    git: git@github.com:myorg/charts
                    path: charts/podinfo
                  values:
                    appImage: myorg/podinfo
                    appTag: dev-w7ujrvbf
                    sub:
                      marinesystem:
                        reg: ghcr.io
                        img: myorg/submarine
                        tag: "1.4"
                    sidecar:
                      image: wrong/place:1
                      ref: ghcr.io/myorg/sidecar:0.9.1
                """);

        assertThat(described(automations)).containsExactly(
                tuple("app", "registry-1.docker.io/myorg/podinfo", "dev-w7ujrvbf", "glob:dev-*",
                        "spec.values.appImage", "spec.values.appTag"),
                tuple("sidecar", "ghcr.io/myorg/sidecar", "0.9.1", "glob:*", "spec.values.sidecar.ref",
                        "spec.values.sidecar.ref"),
                tuple("submarine", "ghcr.io/myorg/submarine", "1.4", "glob:*", "spec.values.sub.marinesystem.img",
                        "spec.values.sub.marinesystem.tag"));
    }

    @Test
    void aRegistryBesideTheRepositoryIsPartOfTheImageRepositoryAndATagBesideAStringIsItsTag() throws Exception {
        List<Automation> automations = read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: redis
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: semver:~6.0
                    filter.fluxcd.io/metrics: glob:*
                spec:
                  chart:
                    repository: https://charts.bitnami.com/bitnami
                    name: redis
                    version: 10.5.7
                  values:
                    image:
                      registry: docker.io
                      repository: bitnami/redis
                      tag: 6.0.5
                    metrics:
                      image: oliver006/redis_exporter
                      tag: v1.9.0
                """);

        assertThat(described(automations)).containsExactly(
                tuple("chart-image", "registry-1.docker.io/bitnami/redis", "6.0.5", "semver:~6.0",
                        "spec.values.image.repository", "spec.values.image.tag"),
                tuple("metrics", "registry-1.docker.io/oliver006/redis_exporter", "v1.9.0", "glob:*",
                        "spec.values.metrics.image", "spec.values.metrics.tag"));
    }

    @Test
    void nothingIsAutomatedUnlessAutomatedAndNotLockedOrInAnotherKindOfObject() throws Exception {
        String values = """
                spec:
                  values:
                    image:
                      repository: bitnami/redis
                      tag: 6.0.5
                """;
        assertThat(read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: redis
                  annotations:
                    filter.fluxcd.io/chart-image: semver:~6.0
                """ + values)).isEmpty();
        assertThat(read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: redis
                  annotations:
                    fluxcd.io/automated: "false"
                """ + values)).isEmpty();
        assertThat(read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: redis
                  annotations:
                    fluxcd.io/automated: "true"
                    fluxcd.io/locked: "true"
                    fluxcd.io/locked_msg: "Hold until the incident is closed"
                    filter.fluxcd.io/chart-image: sem:~6.0
                """ + values)).isEmpty();
        assertThat(read("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: redis
                  annotations:
                    fluxcd.io/automated: "true"
                """ + values)).isEmpty();
        assertThat(read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: redis
                  annotations:
                    fluxcd.io/automated: "true"
                """ + values)).hasSize(1);
    }

    @Test
    void anImageKeyThatNoAnnotationNamesIsSkippedWhenItIsNoTaggedImage() throws Exception {
        List<Automation> automations = podinfoInDev("""
                fluxcd.io/automated: "true"
                """, """
                image:
                  repository: stefanprodan/podinfo
                  tag: 3.2.0
                busybox:
                  image: busybox
                cache:
                  image:
                    pullPolicy: Always
                hpa:
                  enabled: true
                """);

        assertThat(automations).extracting(Automation::container).containsExactly("chart-image");
    }

    @Test
    void anUnknownFilterKindRefusesTheReleaseNamingFileObjectAndAnnotation() {
        assertThatThrownBy(() -> podinfoInDev("""
                fluxcd.io/automated: "true"
                filter.fluxcd.io/chart-image: sem:~3.2
                """, """
                image: stefanprodan/podinfo:3.2.0
                """)).isInstanceOf(DeclarationException.class)
                .hasMessage("releases/dev/podinfo.yaml: HelmRelease dev/podinfo: annotation"
                        + " filter.fluxcd.io/chart-image: filter 'sem:~3.2' has the unknown kind 'sem': write"
                        + " glob:<pattern>, semver:<range> or regex:<expression>");
    }

    @Test
    void aFilteredContainerWithNoImageIsRefused() {
        assertThatThrownBy(() -> podinfoInDev("""
                fluxcd.io/automated: "true"
                filter.fluxcd.io/podinfod: semver:~3.2
                """, """
                image: stefanprodan/podinfo:3.2.0
                """)).isInstanceOf(DeclarationException.class)
                .hasMessage("releases/dev/podinfo.yaml: HelmRelease dev/podinfo: annotation"
                        + " filter.fluxcd.io/podinfod: container 'podinfod' has no image: spec.values.podinfod.image"
                        + " does not exist; name its paths with repository.fluxcd.io/podinfod and"
                        + " tag.fluxcd.io/podinfod")
                .satisfies(e -> {
                    DeclarationException refused = (DeclarationException) e;
                    assertThat(refused.source()).isEqualTo(FILE);
                    assertThat(refused.object()).isEqualTo("HelmRelease dev/podinfo");
                    assertThat(refused.annotation()).isEqualTo("filter.fluxcd.io/podinfod");
                });
    }

    @Test
    void aMappedPathTheValuesDoNotHaveIsRefused() {
        assertThatThrownBy(() -> podinfoInDev("""
                fluxcd.io/automated: "true"
                repository.fluxcd.io/app: app.image
                tag.fluxcd.io/app: app.tags
                """, """
                app:
                  image: myorg/podinfo
                  tag: dev-w7ujrvbf
                """)).isInstanceOf(DeclarationException.class)
                .hasMessage("releases/dev/podinfo.yaml: HelmRelease dev/podinfo: annotation repository.fluxcd.io/app:"
                        + " points at spec.values.app.tags, which the HelmRelease does not have");
    }

    @Test
    void aTagPathWithoutARepositoryPathIsRefused() {
        assertThatThrownBy(() -> podinfoInDev("""
                fluxcd.io/automated: "true"
                tag.fluxcd.io/app: appTag
                """, """
                appImage: myorg/podinfo
                appTag: dev-w7ujrvbf
                """)).isInstanceOf(DeclarationException.class)
                .hasMessage("releases/dev/podinfo.yaml: HelmRelease dev/podinfo: annotation tag.fluxcd.io/app: needs"
                        + " repository.fluxcd.io/app too, the path under spec.values of the image repository");
    }

    @Test
    void aNamedImageMustBeATaggedStringNotANumberNorADigest() {
        assertThatThrownBy(() -> podinfoInDev("""
                fluxcd.io/automated: "true"
                filter.fluxcd.io/chart-image: semver:~1
                """, """
                image:
                  repository: myorg/podinfo
                  tag: 1.10
                """)).isInstanceOf(DeclarationException.class)
                .hasMessageEndingWith("filter.fluxcd.io/chart-image: spec.values.image.tag is 1.1 as YAML reads it,"
                        + " not a string: quote it");
        assertThatThrownBy(() -> read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: podinfo
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/web: glob:*
                spec:
                  values:
                    web:
                      image: myorg/web@sha256:4f0e4b2b5d1c7e3a9f0b6c8d2e1a3b5c7d9e0f1a2b3c4d5e6f708192a3b4c5d6
                """)).isInstanceOf(DeclarationException.class)
                .hasMessageStartingWith("releases/dev/podinfo.yaml: HelmRelease podinfo: annotation"
                        + " filter.fluxcd.io/web: spec.values.web.image 'myorg/web@sha256:")
                .hasMessageEndingWith("' is pinned by digest; an automation writes tags: give a tag instead");
        assertThatThrownBy(() -> read("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: podinfo
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: glob:*
                spec:
                  values:
                    image: myorg/podinfo
                """)).isInstanceOf(DeclarationException.class)
                .hasMessageEndingWith("filter.fluxcd.io/chart-image: spec.values.image 'myorg/podinfo' has no tag");
    }
}
