package io.flotilla.imageupdater.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** What a commit's files declare, read as a user wrote them in Flux v1 and Flux v2 repositories. */
class CommitDeclarationsTest {

    @Test
    void aFluxV1ReleaseMovesItsTagValue() {
        Declarations declarations = read(Map.of("releases/dev/podinfo.yaml", """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: podinfo
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    filter.fluxcd.io/chart-image: semver:~0.4
                spec:
                  chart:
                    git: git@github.com:myorg/charts
                    path: charts/podinfo
                  values:
                    image:
                      repository: myorg/podinfo
                      tag: 0.4.1 # keep this comment
                """));

        assertThat(declarations.errors()).isEmpty();
        AutomatedImage image = declarations.images().get(0);
        assertThat(image.name()).isEqualTo("HelmRelease dev/podinfo");
        assertThat(image.container()).isEqualTo("chart-image");
        assertThat(image.repository().toString()).isEqualTo("registry-1.docker.io/myorg/podinfo");
        assertThat(image.policy().describe()).isEqualTo("semver:~0.4");
        assertThat(image.targets()).containsExactly(new EditTarget("releases/dev/podinfo.yaml", 0,
                List.of("spec", "values", "image", "tag"), "0.4.1", ValueForm.TAG, "myorg/podinfo", "dev/podinfo",
                CommitSettings.DEFAULTS));
    }

    @Test
    void theOlderFluxV1AnnotationsAreReadAsTheCurrentOnesInAnyDocumentOfAFile() {
        Declarations declarations = read(Map.of("releases/shop.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: cart
                  namespace: shop
                  annotations:
                    flux.weave.works/automated: "true"
                    fluxcd.io/tag.app: glob:dev-*
                spec:
                  values:
                    app:
                      image: myorg/cart:dev-1
                """));

        assertThat(declarations.images()).singleElement().satisfies(image -> {
            assertThat(image.container()).isEqualTo("app");
            assertThat(image.policy().describe()).isEqualTo("glob:dev-*");
            EditTarget target = image.targets().get(0);
            assertThat(target.document()).isEqualTo(1);
            assertThat(target.path()).containsExactly("spec", "values", "app", "image");
            assertThat(target.form()).isEqualTo(ValueForm.IMAGE);
            assertThat(target.valueFor("dev-2", "sha256:x")).isEqualTo("myorg/cart:dev-2");
        });
    }

    @Test
    void aFilterOfAnUnknownKindRefusesThatReleaseOnlyNamingFileObjectAndAnnotation() {
        Declarations declarations = read(Map.of("releases/a.yaml", """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: a
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                    fluxcd.io/tag.chart-image: wildcard:dev-*
                spec:
                  values:
                    image: myorg/a:1.0.0
                """, "releases/b.yaml", """
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata:
                  name: b
                  namespace: dev
                  annotations:
                    fluxcd.io/automated: "true"
                spec:
                  values:
                    image: myorg/b:1.0.0
                """));

        assertThat(declarations.images()).extracting(AutomatedImage::name).containsExactly("HelmRelease dev/b");
        assertThat(declarations.errors()).extracting(AutomationError::file, AutomationError::object)
                .containsExactly(tuple("releases/a.yaml", "HelmRelease dev/a"));
        assertThat(declarations.errors().get(0).message()).contains("releases/a.yaml", "HelmRelease dev/a",
                "fluxcd.io/tag.chart-image", "unknown kind 'wildcard'");
    }

    @Test
    void fluxV2MarkersUnderAnAutomationsPathAreMovedByTheirPolicyWithItsCommitSettings() {
        Declarations declarations = read(Map.of("flux-system/images.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageRepository
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  image: ghcr.io/org/podinfo
                  interval: 1m30s
                  secretRef:
                    name: ghcr-login
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata:
                  name: podinfo
                  namespace: flux-system
                spec:
                  imageRepositoryRef:
                    name: podinfo
                  policy:
                    semver:
                      range: 5.0.x
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta1
                kind: ImageUpdateAutomation
                metadata:
                  name: apps
                  namespace: flux-system
                spec:
                  git:
                    commit:
                      author:
                        name: fluxbot
                        email: flux@example.com
                      messageTemplate: "Update {{range .Updated.Images}}{{.}}{{end}}"
                    push:
                      branch: image-updates
                  update:
                    path: ./apps
                    strategy: Setters
                """, "apps/podinfo/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: podinfo
                spec:
                  template:
                    spec:
                      containers:
                        - name: sidecar
                          image: busybox:1.36
                        - name: podinfo
                          image: ghcr.io/org/podinfo:5.0.0 # {"$imagepolicy": "flux-system:podinfo"}
                """, "apps/podinfo/release.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata:
                  name: podinfo
                spec:
                  values:
                    image:
                      repository: ghcr.io/org/podinfo # {"$imagepolicy": "flux-system:podinfo:name"}
                      tag: "5.0.0" # {"$imagepolicy": "flux-system:podinfo:tag"}
                """, "other/podinfo.yaml", """
                image: ghcr.io/org/podinfo:5.0.0 # {"$imagepolicy": "flux-system:podinfo"}
                other: x # {"$imagepolicy": "flux-system:missing"}
                """));

        AutomatedImage image = declarations.images().get(0);
        assertThat(image.name()).isEqualTo("ImagePolicy flux-system/podinfo");
        assertThat(image.repository().toString()).isEqualTo("ghcr.io/org/podinfo");
        assertThat(image.secret()).isEqualTo("ghcr-login");
        assertThat(image.interval()).hasSeconds(90);
        CommitSettings settings = new CommitSettings("image-updates", "fluxbot <flux@example.com>",
                "Update {{range .Updated.Images}}{{.}}{{end}}");
        assertThat(image.targets()).containsExactly(
                new EditTarget("apps/podinfo/deployment.yaml", 0,
                        List.of("spec", "template", "spec", "containers", "1", "image"), "ghcr.io/org/podinfo:5.0.0",
                        ValueForm.IMAGE, "ghcr.io/org/podinfo", "flux-system/podinfo", settings),
                new EditTarget("apps/podinfo/release.yaml", 0, List.of("spec", "values", "image", "repository"),
                        "ghcr.io/org/podinfo", ValueForm.NAME, "ghcr.io/org/podinfo", "flux-system/podinfo", settings),
                new EditTarget("apps/podinfo/release.yaml", 0, List.of("spec", "values", "image", "tag"),
                        "5.0.0", ValueForm.TAG, "ghcr.io/org/podinfo", "flux-system/podinfo", settings));
        assertThat(declarations.errors()).extracting(AutomationError::message).containsExactly(
                "other/podinfo.yaml:2: the setter marker names ImagePolicy flux-system/missing, which no file of"
                        + " this commit declares");
    }

    @Test
    void anImagePolicyThatCannotBeReadIsAnErrorOnThatPolicy() {
        Declarations declarations = read(Map.of("images.yaml", """
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImagePolicy
                metadata:
                  name: app
                  namespace: apps
                spec:
                  imageRepositoryRef:
                    name: app
                  policy:
                    semver:
                      range: not a range
                ---
                apiVersion: image.toolkit.fluxcd.io/v1beta2
                kind: ImageRepository
                metadata:
                  name: app
                  namespace: apps
                spec:
                  image: ghcr.io/org/app
                """));

        assertThat(declarations.images()).isEmpty();
        assertThat(declarations.errors()).singleElement().satisfies(error -> {
            assertThat(error.object()).isEqualTo("ImagePolicy apps/app");
            assertThat(error.message()).startsWith("images.yaml: ImagePolicy apps/app: semver range 'not a range'");
        });
    }

    private static Declarations read(Map<String, String> files) {
        Map<String, String> sorted = new TreeMap<>(files);
        return CommitDeclarations.read("fleet", "main", "0".repeat(40), new SourceFiles() {
            @Override
            public Collection<String> paths() {
                return sorted.keySet();
            }

            @Override
            public String read(String path) {
                return sorted.get(path);
            }
        });
    }
}
