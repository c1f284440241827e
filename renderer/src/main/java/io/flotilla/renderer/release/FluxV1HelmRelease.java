package io.flotilla.renderer.release;

import java.util.Map;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.git.RepositoryUrl;
import io.flotilla.renderer.release.DeclaredRelease.Content;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.source.GitRef;

/**
 * A Flux v1 HelmRelease ({@code helm.fluxcd.io/v1}): the chart is {@code spec.chart.path} in the Git
 * repository {@code spec.chart.git} at {@code spec.chart.ref} (a branch, tag or commit; {@code master} by
 * default), except when that is the repository being rendered: then it is the commit being rendered; or chart
 * {@code spec.chart.name} at {@code spec.chart.version} of the Helm repository {@code spec.chart.repository}.
 * The release name defaults to {@code <namespace>-<name>}, as Helm Operator names it.
 */
final class FluxV1HelmRelease {

    static final String CHART_PATH = "spec.chart.path";

    private FluxV1HelmRelease() {
    }

    /** @param repository the repository being rendered, as the git-watcher names it */
    static DeclaredRelease read(String file, String folder, int document, Map<String, Object> object,
            RepositoryValues repositoryValues, String repository)
            throws UnidentifiedDocumentException {
        Fields fields = new Fields(object);
        HelmReleaseIdentity identity = HelmReleaseIdentity.read(file, document, fields);
        String releaseName = identity.releaseName().orElse(identity.namespace() + "-" + identity.name());
        Content content;
        try {
            content = new HelmChart(identity.origin(), chart(fields, repository), HelmReleaseValues.inline(fields),
                    HelmReleaseValues.fluxV1(fields, identity.namespace(), repositoryValues),
                    ReleaseOptionsReading.fluxV1(fields));
        } catch (InvalidFieldException e) {
            content = new Invalid(identity.origin() + ": " + e.getMessage());
        }
        return new DeclaredRelease(ReleaseFormat.FLUX_V1, identity.releaseNamespace(), releaseName, file, folder,
                content);
    }

    private static ChartSource chart(Fields fields, String repository) throws InvalidFieldException {
        if (!fields.has("spec.chart")) {
            throw new InvalidFieldException("spec.chart is required");
        }
        if (fields.has("spec.chart.repository") && !fields.has(CHART_PATH)) {
            return new RepositoryChart(fields.requiredText("spec.chart.repository"),
                    fields.requiredText("spec.chart.name"), fields.requiredText("spec.chart.version"), "spec.chart",
                    null, null);
        }
        ChartLocation path = new ChartLocation(fields.requiredText(CHART_PATH), CHART_PATH);
        String git = fields.requiredText("spec.chart.git");
        if (RepositoryUrl.same(git, repository)) {
            return path;
        }
        return new GitChart(git, fields.text("spec.chart.ref").map(ref -> new GitRef(GitRef.Kind.NAME, ref))
                .orElse(GitRef.DEFAULT), path);
    }
}
