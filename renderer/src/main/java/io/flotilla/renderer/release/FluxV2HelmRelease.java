package io.flotilla.renderer.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.git.RepositoryUrl;
import io.flotilla.git.secret.SourceAuth;
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
            refuseUnsupported(fields);
            ChartSource chart = chart(fields, identity, sources, repositoryValues, repository);
            List<ValuesLayer> valuesFrom = new ArrayList<>(valuesFiles(fields, chart));
            valuesFrom.addAll(HelmReleaseValues.fluxV2(fields, identity.namespace(), repositoryValues));
            content = new HelmChart(identity.origin(), chart, HelmReleaseValues.inline(fields), valuesFrom,
                    ReleaseOptionsReading.fluxV2(fields, identity.namespace()), postRenderers(fields),
                    dependencyLogins(fields, identity, sources, repositoryValues));
        } catch (InvalidFieldException e) {
            content = new Invalid(identity.origin() + ": " + e.getMessage());
        }
        return new DeclaredRelease(ReleaseFormat.FLUX_V2, identity.releaseNamespace(), releaseName, file, folder,
                content);
    }

    /** Fields Flotilla does not honour, refused rather than ignored. */
    private static void refuseUnsupported(Fields fields) throws InvalidFieldException {
        if (fields.has("spec.kubeConfig")) {
            throw new InvalidFieldException("spec.kubeConfig: installing on another cluster than the one targeted is"
                    + " not supported; remove spec.kubeConfig and send the file to that cluster with flotilla.yaml");
        }
        if (fields.has("spec.chart.spec.verify")) {
            throw new InvalidFieldException("spec.chart.spec.verify: chart signatures are not verified by Flotilla;"
                    + " remove spec.chart.spec.verify, or keep the release with Flux");
        }
    }

    /**
     * {@code spec.chart.spec.valuesFiles} (and the older {@code valuesFile}), merged in order under
     * {@code valuesFrom} and the inline values: files of a chart in Git, named from the repository's root as Flux
     * names them; they must be inside the chart's folder.
     */
    private static List<ValuesLayer> valuesFiles(Fields fields, ChartSource chart) throws InvalidFieldException {
        List<Object> files = new ArrayList<>();
        fields.text("spec.chart.spec.valuesFile").ifPresent(files::add);
        files.addAll(fields.list("spec.chart.spec.valuesFiles"));
        List<ValuesLayer> layers = new ArrayList<>();
        int index = 0;
        for (Object file : files) {
            String field = "spec.chart.spec.valuesFiles[" + index++ + "]";
            if (!(file instanceof String path) || path.isEmpty()) {
                throw new InvalidFieldException(field + " must be a path");
            }
            ChartLocation location = chart instanceof GitChart git ? git.path()
                    : chart instanceof ChartLocation inRepository ? inRepository : null;
            if (location == null) {
                throw new InvalidFieldException(field + " '" + path + "': values files are read from charts in Git"
                        + " only; give these values in spec.values or spec.valuesFrom");
            }
            String folder = location.folder().orElse("");
            String resolved = new ChartLocation(path, field).folder().orElseThrow(() -> new InvalidFieldException(
                    field + " '" + path + "' leaves the repository"));
            if (!folder.isEmpty() && !resolved.startsWith(folder + "/")) {
                throw new InvalidFieldException(field + " '" + path + "' is not in the chart's folder '" + folder
                        + "'; keep values files in the chart");
            }
            layers.add(new ValuesLayer.ChartFile(field, folder.isEmpty() ? resolved
                    : resolved.substring(folder.length() + 1), false));
        }
        return layers;
    }

    /** {@code spec.postRenderers}: each a kustomize post-renderer of {@code patches} and {@code images}. */
    private static List<Map<String, Object>> postRenderers(Fields fields) throws InvalidFieldException {
        List<Map<String, Object>> overlays = new ArrayList<>();
        int index = 0;
        for (Object entry : fields.list("spec.postRenderers")) {
            String field = "spec.postRenderers[" + index++ + "]";
            if (!(entry instanceof Map<?, ?> renderer) || !(renderer.get("kustomize") instanceof Map<?, ?> kustomize)) {
                throw new InvalidFieldException(field + ".kustomize is required: kustomize is the one post-renderer");
            }
            Map<String, Object> overlay = new LinkedHashMap<>();
            for (Map.Entry<?, ?> setting : kustomize.entrySet()) {
                String name = String.valueOf(setting.getKey());
                if (!List.of("patches", "images", "patchesStrategicMerge", "patchesJson6902").contains(name)) {
                    throw new InvalidFieldException(field + ".kustomize." + name + " is not a post-renderer field;"
                            + " use patches or images");
                }
                if (!(setting.getValue() instanceof List<?> list)) {
                    throw new InvalidFieldException(field + ".kustomize." + name + " must be a list");
                }
                if (!list.isEmpty()) {
                    overlay.put(name, list);
                }
            }
            if (!overlay.isEmpty()) {
                overlays.add(overlay);
            }
        }
        return overlays;
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
        return RepositoryUrl.same(url, repository) ? location : new GitChart(url, gitRef(source), location,
                auth(source, FluxSources.GIT_REPOSITORY, namespacedName, SOURCE_REF));
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
        if (source.has("spec.verify")) {
            throw new InvalidFieldException(CHART_REF + ": OCIRepository " + namespacedName + ": spec.verify: chart"
                    + " signatures are not verified by Flotilla; remove spec.verify, or keep the release with Flux");
        }
        String url = source.requiredText("spec.url");
        Optional<String> digest = source.text("spec.ref.digest");
        Optional<String> semver = source.text("spec.ref.semver");
        String version = semver.orElse(source.text("spec.ref.tag").orElse("latest"));
        DependencyLogins.Login credentials = credentials(source, FluxSources.OCI_REPOSITORY, namespacedName, CHART_REF,
                repositoryValues);
        return new OciChart(url, version, digest.orElse(null), CHART_REF, source.flag("spec.insecure"),
                credentials.username(), credentials.password(), credentials.auth());
    }

    /** A chart of a HelmRepository, over HTTP or in an OCI registry; its {@code secretRef} Secret gives credentials. */
    private static ChartSource helmRepositoryChart(Fields fields, String chart, String repository,
            FluxSources sources, RepositoryValues repositoryValues) throws InvalidFieldException {
        Fields source = defined(sources, FluxSources.HELM_REPOSITORY, repository, SOURCE_REF);
        String url = source.requiredText("spec.url");
        String version = fields.text("spec.chart.spec.version").orElse("");
        DependencyLogins.Login credentials = credentials(source, FluxSources.HELM_REPOSITORY, repository, SOURCE_REF,
                repositoryValues);
        if ("oci".equals(source.text("spec.type").orElse("default")) || url.startsWith(OciChart.SCHEME)) {
            return new OciChart(url.replaceAll("/+$", "") + "/" + chart, version, null, "spec.chart.spec",
                    source.flag("spec.insecure"), credentials.username(), credentials.password(),
                    credentials.auth());
        }
        return new RepositoryChart(url, chart, version, "spec.chart.spec", credentials.username(),
                credentials.password(), credentials.auth());
    }

    /**
     * The credentials of the HelmRepositories of the chart's namespace (its {@code sourceRef}'s, else the
     * HelmRelease's), by URL, for the chart's remote dependencies, as source-controller lends them.
     */
    private static DependencyLogins dependencyLogins(Fields fields, HelmReleaseIdentity identity, FluxSources sources,
            RepositoryValues repositoryValues) throws InvalidFieldException {
        String namespace = fields.text("spec.chart.spec.sourceRef.namespace").orElse(identity.namespace());
        Map<String, DependencyLogins.Login> byUrl = new LinkedHashMap<>();
        for (Fields repository : sources.all(FluxSources.HELM_REPOSITORY, namespace)) {
            Optional<String> url = repository.text("spec.url");
            Optional<String> name = repository.text("metadata.name");
            if (url.isEmpty() || name.isEmpty() || byUrl.containsKey(url.get())) {
                continue;
            }
            DependencyLogins.Login credentials = credentials(repository, FluxSources.HELM_REPOSITORY, namespace + "/" + name.get(),
                    "spec.chart.spec", repositoryValues);
            if (credentials.username() != null || credentials.auth().secret() != null
                    || credentials.auth().certSecret() != null) {
                byUrl.put(url.get(), credentials);
            }
        }
        return DependencyLogins.of(byUrl);
    }

    private static Fields defined(FluxSources sources, String kind, String namespacedName, String field)
            throws InvalidFieldException {
        return sources.source(kind, namespacedName).orElseThrow(() -> new InvalidFieldException(field + ": " + kind
                + " " + namespacedName + " is not defined in the repository"));
    }

    /**
     * The Secrets a source's {@code spec.secretRef} and {@code spec.certSecretRef} name, read where Flotilla keeps
     * Secrets when the chart is fetched; and, for repositories that committed it, the username and password of a
     * {@code secretRef} Secret in the repository, used when no such Secret is kept.
     */
    private static DependencyLogins.Login credentials(Fields source, String kind, String namespacedName, String field,
            RepositoryValues repositoryValues) throws InvalidFieldException {
        SourceAuth auth = auth(source, kind, namespacedName, field);
        if (auth.secret() == null) {
            return new DependencyLogins.Login(null, null, auth);
        }
        String namespace = auth.secret().namespace();
        String secret = auth.secret().name();
        Optional<String> username = repositoryValues.text(RepositoryValues.SECRET, namespace, secret, "username");
        return new DependencyLogins.Login(username.orElse(null), username.isEmpty() ? null
                : repositoryValues.text(RepositoryValues.SECRET, namespace, secret, "password").orElse(""), auth);
    }

    private static SourceAuth auth(Fields source, String kind, String namespacedName, String field)
            throws InvalidFieldException {
        int slash = namespacedName.indexOf('/');
        try {
            return SourceAuth.of(kind, namespacedName.substring(0, slash), namespacedName.substring(slash + 1),
                    source.text("spec.secretRef.name").orElse(null), source.text("spec.certSecretRef.name").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field + ": " + kind + " " + namespacedName + ": " + e.getMessage());
        }
    }

}
