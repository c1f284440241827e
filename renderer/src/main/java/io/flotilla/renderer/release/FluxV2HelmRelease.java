package io.flotilla.renderer.release;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.git.RepositoryUrl;
import io.flotilla.renderer.release.DeclaredRelease.Content;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.source.GitRef;

/**
 * A Flux v2 HelmRelease ({@code helm.toolkit.fluxcd.io/v2}, also v2beta1 and v2beta2). Its
 * {@code spec.chart.spec.sourceRef}, defined in the same repository, is either a GitRepository (the chart is
 * the path {@code spec.chart.spec.chart}, at the commit being rendered when the GitRepository is the watched
 * repository, else at the GitRepository's ref) or a HelmRepository, over HTTP or {@code type: oci} (the chart
 * is named {@code spec.chart.spec.chart}, its version a semver range in {@code spec.chart.spec.version}). Or
 * its {@code spec.chartRef} names an OCIRepository whose artifact is the chart. The release name
 * defaults to {@code <targetNamespace>-<name>} when a target namespace is set, else {@code <name>}, as
 * helm-controller names it.
 */
final class FluxV2HelmRelease {

    static final String CHART_PATH = "spec.chart.spec.chart";
    private static final String SOURCE_REF = "spec.chart.spec.sourceRef";
    private static final String CHART_REF = "spec.chartRef";

    private FluxV2HelmRelease() {
    }

    /**
     * @param sources    the Flux sources the repository defines
     * @param repository the repository being rendered, as the git-watcher names it
     */
    static DeclaredRelease read(String file, String folder, int document, Map<String, Object> object,
            FluxSources sources, RepositoryValues repositoryValues, String repository)
            throws UnidentifiedDocumentException {
        Fields fields = new Fields(object);
        HelmReleaseIdentity identity = HelmReleaseIdentity.read(file, document, fields);
        String releaseName = identity.releaseName().orElse(
                identity.targetNamespace().map(namespace -> namespace + "-" + identity.name()).orElse(identity.name()));
        Content content;
        try {
            ChartSource chart = chart(fields, identity, sources, repositoryValues, repository);
            content = new HelmChart(identity.origin(), chart, HelmReleaseValues.inline(fields),
                    HelmReleaseValues.fluxV2(fields, identity.namespace(), repositoryValues),
                    ReleaseOptionsReading.fluxV2(fields, identity.namespace()));
        } catch (InvalidFieldException e) {
            content = new Invalid(identity.origin() + ": " + e.getMessage());
        }
        return new DeclaredRelease(ReleaseFormat.FLUX_V2, identity.releaseNamespace(), releaseName, file, folder,
                content);
    }

    private static ChartSource chart(Fields fields, HelmReleaseIdentity identity, FluxSources sources,
            RepositoryValues repositoryValues, String repository) throws InvalidFieldException {
        if (!fields.has("spec.chart")) {
            if (fields.has("spec.chartRef")) {
                return chartRef(fields, identity, sources, repositoryValues);
            }
            throw new InvalidFieldException("spec.chart or spec.chartRef is required");
        }
        String path = fields.requiredText(CHART_PATH);
        String kind = fields.requiredText(SOURCE_REF + ".kind");
        String name = fields.requiredText(SOURCE_REF + ".name");
        String namespace = fields.text(SOURCE_REF + ".namespace").orElse(identity.namespace());
        String namespacedName = namespace + "/" + name;
        if (kind.equals(FluxSources.HELM_REPOSITORY)) {
            return helmRepositoryChart(fields, path, namespacedName, sources, repositoryValues);
        }
        if (!kind.equals(FluxSources.GIT_REPOSITORY)) {
            throw new InvalidFieldException(SOURCE_REF + ": charts from a " + kind + " are not supported;"
                    + " use a GitRepository or a HelmRepository here, an OCIRepository in spec.chartRef");
        }
        Fields source = defined(sources, FluxSources.GIT_REPOSITORY, namespacedName, SOURCE_REF);
        String url = source.requiredText("spec.url");
        ChartLocation location = new ChartLocation(path, CHART_PATH);
        return RepositoryUrl.same(url, repository) ? location : new GitChart(url, gitRef(source), location);
    }

    /** Flux's GitRepository {@code spec.ref}: commit, then name, semver, tag, branch win, as source-controller picks. */
    private static GitRef gitRef(Fields source) throws InvalidFieldException {
        for (GitRef.Kind kind : List.of(GitRef.Kind.COMMIT, GitRef.Kind.NAME, GitRef.Kind.SEMVER, GitRef.Kind.TAG,
                GitRef.Kind.BRANCH)) {
            Optional<String> value = source.text("spec.ref." + kind.name().toLowerCase(Locale.ROOT));
            if (value.isPresent()) {
                return new GitRef(kind, value.get());
            }
        }
        return GitRef.DEFAULT;
    }

    /** {@code spec.chartRef}: the chart is an OCIRepository's artifact. */
    private static ChartSource chartRef(Fields fields, HelmReleaseIdentity identity, FluxSources sources,
            RepositoryValues repositoryValues) throws InvalidFieldException {
        String kind = fields.requiredText(CHART_REF + ".kind");
        String namespace = fields.text(CHART_REF + ".namespace").orElse(identity.namespace());
        String namespacedName = namespace + "/" + fields.requiredText(CHART_REF + ".name");
        if (!kind.equals(FluxSources.OCI_REPOSITORY)) {
            throw new InvalidFieldException(CHART_REF + ": charts from a " + kind + " are not supported; use an"
                    + " OCIRepository, or spec.chart.spec");
        }
        Fields source = defined(sources, FluxSources.OCI_REPOSITORY, namespacedName, CHART_REF);
        String url = source.requiredText("spec.url");
        Optional<String> digest = source.text("spec.ref.digest");
        Optional<String> semver = source.text("spec.ref.semver");
        String version = semver.orElse(source.text("spec.ref.tag").orElse("latest"));
        Credentials credentials = credentials(source, FluxSources.OCI_REPOSITORY, namespacedName, CHART_REF,
                repositoryValues);
        return new OciChart(url, version, digest.orElse(null), CHART_REF, source.flag("spec.insecure"),
                credentials.username(), credentials.password());
    }

    /** A chart of a HelmRepository, over HTTP or in an OCI registry; its {@code secretRef} Secret gives credentials. */
    private static ChartSource helmRepositoryChart(Fields fields, String chart, String repository,
            FluxSources sources, RepositoryValues repositoryValues) throws InvalidFieldException {
        Fields source = defined(sources, FluxSources.HELM_REPOSITORY, repository, SOURCE_REF);
        String url = source.requiredText("spec.url");
        String version = fields.text("spec.chart.spec.version").orElse("");
        Credentials credentials = credentials(source, FluxSources.HELM_REPOSITORY, repository, SOURCE_REF,
                repositoryValues);
        if ("oci".equals(source.text("spec.type").orElse("default")) || url.startsWith(OciChart.SCHEME)) {
            return new OciChart(url.replaceAll("/+$", "") + "/" + chart, version, null, "spec.chart.spec",
                    source.flag("spec.insecure"), credentials.username(), credentials.password());
        }
        return new RepositoryChart(url, chart, version, "spec.chart.spec", credentials.username(),
                credentials.password());
    }

    private static Fields defined(FluxSources sources, String kind, String namespacedName, String field)
            throws InvalidFieldException {
        return sources.source(kind, namespacedName).orElseThrow(() -> new InvalidFieldException(field + ": " + kind
                + " " + namespacedName + " is not defined in the repository"));
    }

    /** The username and password of the Secret a source's {@code spec.secretRef} names, in the repository. */
    private static Credentials credentials(Fields source, String kind, String namespacedName, String field,
            RepositoryValues repositoryValues) throws InvalidFieldException {
        Optional<String> secret = source.text("spec.secretRef.name");
        if (secret.isEmpty()) {
            return new Credentials(null, null);
        }
        String namespace = namespacedName.substring(0, namespacedName.indexOf('/'));
        String username = repositoryValues.text(RepositoryValues.SECRET, namespace, secret.get(), "username")
                .orElseThrow(() -> new InvalidFieldException(field + ": " + kind + " " + namespacedName + ": Secret "
                        + namespace + "/" + secret.get() + " with a username is not in the repository"));
        return new Credentials(username,
                repositoryValues.text(RepositoryValues.SECRET, namespace, secret.get(), "password").orElse(""));
    }

    private record Credentials(String username, String password) {
    }
}
