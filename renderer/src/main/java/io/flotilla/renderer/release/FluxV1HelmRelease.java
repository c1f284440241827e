package io.flotilla.renderer.release;

import java.util.Map;

import io.flotilla.renderer.release.DeclaredRelease.Content;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;

/**
 * A Flux v1 HelmRelease ({@code helm.fluxcd.io/v1}): the chart is {@code spec.chart.path} in the Git
 * repository {@code spec.chart.git} at {@code spec.chart.ref}, for now taken to be the repository being
 * rendered, at the commit being rendered; or chart {@code spec.chart.name} at {@code spec.chart.version} of
 * the Helm repository {@code spec.chart.repository}. The release name defaults to {@code <namespace>-<name>}, as Helm
 * Operator names it.
 */
final class FluxV1HelmRelease {

    static final String CHART_PATH = "spec.chart.path";

    private FluxV1HelmRelease() {
    }

    static DeclaredRelease read(String file, String folder, int document, Map<String, Object> object,
            RepositoryValues repositoryValues)
            throws UnidentifiedDocumentException {
        Fields fields = new Fields(object);
        HelmReleaseIdentity identity = HelmReleaseIdentity.read(file, document, fields);
        String releaseName = identity.releaseName().orElse(identity.namespace() + "-" + identity.name());
        Content content;
        try {
            content = new HelmChart(identity.origin(), chart(fields), HelmReleaseValues.inline(fields),
                    HelmReleaseValues.fluxV1(fields, identity.namespace(), repositoryValues),
                    ReleaseOptionsReading.fluxV1(fields));
        } catch (InvalidFieldException e) {
            content = new Invalid(identity.origin() + ": " + e.getMessage());
        }
        return new DeclaredRelease(DeclaredRelease.FLUX_V1, identity.releaseNamespace(), releaseName, file, folder,
                content);
    }

    private static ChartSource chart(Fields fields) throws InvalidFieldException {
        if (!fields.has("spec.chart")) {
            throw new InvalidFieldException("spec.chart is required");
        }
        if (fields.has("spec.chart.repository") && !fields.has(CHART_PATH)) {
            return new RepositoryChart(fields.requiredText("spec.chart.repository"),
                    fields.requiredText("spec.chart.name"), fields.requiredText("spec.chart.version"), "spec.chart",
                    null, null);
        }
        return new ChartLocation(fields.requiredText(CHART_PATH), CHART_PATH);
    }
}
