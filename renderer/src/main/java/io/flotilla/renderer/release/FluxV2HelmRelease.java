package io.flotilla.renderer.release;

import java.util.Map;
import java.util.Optional;

import io.flotilla.renderer.release.DeclaredRelease.Content;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;

/**
 * A Flux v2 HelmRelease ({@code helm.toolkit.fluxcd.io/v2}, also v2beta1 and v2beta2). Its
 * {@code spec.chart.spec.sourceRef}, defined in the same repository, is either a GitRepository (the chart is
 * the path {@code spec.chart.spec.chart}; for now the GitRepository stands for the repository being rendered)
 * or a HelmRepository over HTTP (the chart is named {@code spec.chart.spec.chart}, its version a semver range
 * in {@code spec.chart.spec.version}). The release name
 * defaults to {@code <targetNamespace>-<name>} when a target namespace is set, else {@code <name>}, as
 * helm-controller names it.
 */
final class FluxV2HelmRelease {

    static final String CHART_PATH = "spec.chart.spec.chart";
    private static final String SOURCE_REF = "spec.chart.spec.sourceRef";

    private FluxV2HelmRelease() {
    }

    /**
     * @param sources the Flux sources the repository defines
     */
    static DeclaredRelease read(String file, String folder, int document, Map<String, Object> object,
            FluxSources sources, RepositoryValues repositoryValues) throws UnidentifiedDocumentException {
        Fields fields = new Fields(object);
        HelmReleaseIdentity identity = HelmReleaseIdentity.read(file, document, fields);
        String releaseName = identity.releaseName().orElse(
                identity.targetNamespace().map(namespace -> namespace + "-" + identity.name()).orElse(identity.name()));
        Content content;
        try {
            ChartSource chart = chart(fields, identity, sources, repositoryValues);
            content = new HelmChart(identity.origin(), chart, HelmReleaseValues.inline(fields),
                    HelmReleaseValues.fluxV2(fields, identity.namespace(), repositoryValues),
                    ReleaseOptionsReading.fluxV2(fields, identity.namespace()));
        } catch (InvalidFieldException e) {
            content = new Invalid(identity.origin() + ": " + e.getMessage());
        }
        return new DeclaredRelease(DeclaredRelease.FLUX_V2, identity.releaseNamespace(), releaseName, file, folder,
                content);
    }

    private static ChartSource chart(Fields fields, HelmReleaseIdentity identity, FluxSources sources,
            RepositoryValues repositoryValues) throws InvalidFieldException {
        if (!fields.has("spec.chart")) {
            if (fields.has("spec.chartRef")) {
                throw new InvalidFieldException("spec.chartRef is not supported yet; use spec.chart.spec");
            }
            throw new InvalidFieldException("spec.chart is required");
        }
        String path = fields.requiredText(CHART_PATH);
        String kind = fields.requiredText(SOURCE_REF + ".kind");
        String name = fields.requiredText(SOURCE_REF + ".name");
        String namespace = fields.text(SOURCE_REF + ".namespace").orElse(identity.namespace());
        if (kind.equals(FluxSources.HELM_REPOSITORY)) {
            return helmRepositoryChart(fields, path, namespace + "/" + name, sources, repositoryValues);
        }
        if (!kind.equals(FluxSources.GIT_REPOSITORY)) {
            throw new InvalidFieldException(SOURCE_REF + ": charts from a " + kind + " are not supported yet;"
                    + " use a GitRepository or a HelmRepository");
        }
        if (!sources.gitRepositories().contains(namespace + "/" + name)) {
            throw new InvalidFieldException(SOURCE_REF + ": GitRepository " + namespace + "/" + name
                    + " is not defined in the repository");
        }
        return new ChartLocation(path, CHART_PATH);
    }

    /** A chart of a HelmRepository; its {@code secretRef} Secret (in the repository) gives basic auth. */
    private static ChartSource helmRepositoryChart(Fields fields, String chart, String repository,
            FluxSources sources, RepositoryValues repositoryValues) throws InvalidFieldException {
        Fields source = sources.helmRepository(repository).orElseThrow(() -> new InvalidFieldException(SOURCE_REF
                + ": HelmRepository " + repository + " is not defined in the repository"));
        String url = source.requiredText("spec.url");
        if ("oci".equals(source.text("spec.type").orElse("default")) || url.startsWith("oci://")) {
            throw new InvalidFieldException(SOURCE_REF + ": HelmRepository " + repository
                    + " is an OCI registry, which is not supported yet");
        }
        String username = null;
        String password = null;
        Optional<String> secret = source.text("spec.secretRef.name");
        if (secret.isPresent()) {
            String namespace = repository.substring(0, repository.indexOf('/'));
            username = repositoryValues.text(RepositoryValues.SECRET, namespace, secret.get(), "username")
                    .orElseThrow(() -> new InvalidFieldException(SOURCE_REF + ": HelmRepository " + repository
                            + ": Secret " + namespace + "/" + secret.get() + " with a username is not in the repository"));
            password = repositoryValues.text(RepositoryValues.SECRET, namespace, secret.get(), "password").orElse("");
        }
        return new RepositoryChart(url, chart, fields.text("spec.chart.spec.version").orElse(""),
                "spec.chart.spec", username, password);
    }
}
