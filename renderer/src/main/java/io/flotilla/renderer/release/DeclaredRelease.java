package io.flotilla.renderer.release;

import java.util.List;
import java.util.Map;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseOptions;

/**
 * A release as the repository declares it at one commit, before it is targeted and rendered: a
 * HelmRelease document, a folder of plain manifests, or one of them that cannot be read (then
 * {@link Invalid} says why, and the release is reported as failed wherever it would have gone).
 *
 * @param format     a HelmRelease of either Flux version, or a folder of manifests
 * @param namespace  the namespace the release is installed in
 * @param name       the Helm release name, or the folder's release name
 * @param sourceFile the file that declares it (a manifests release: its folder)
 * @param folder     the folder of the declaration, which decides the target clusters
 */
public record DeclaredRelease(ReleaseFormat format, String namespace, String name, String sourceFile, String folder,
        Content content) {

    public sealed interface Content permits HelmChart, Manifests, Invalid {
    }

    /**
     * What the release asks of the applier and the observer: Flux's defaults unless its HelmRelease, or the
     * annotations of its manifests, say more.
     */
    public ReleaseOptions options() {
        if (content instanceof HelmChart chart) {
            return chart.options();
        }
        return content instanceof Manifests manifests ? manifests.options() : ReleaseOptions.DEFAULTS;
    }

    /**
     * A chart to render with Helm.
     *
     * @param origin     where a message about it points: {@code <file>: HelmRelease <namespace>/<name>}
     * @param values     the inline values, merged over {@code valuesFrom}
     * @param valuesFrom the other sources of values, in the order they are merged
     * @param options    what the release asks of the applier and the observer
     * @param postRenderers kustomize overlays ({@code patches}, {@code images}) Helm's output goes through, in order
     *                      (Flux v2 {@code spec.postRenderers})
     * @param dependencyLogins the credentials the chart's remote dependencies are fetched with, by repository URL
     */
    public record HelmChart(String origin, ChartSource chart, Map<String, Object> values,
            List<ValuesLayer> valuesFrom, ReleaseOptions options, List<Map<String, Object>> postRenderers,
            DependencyLogins dependencyLogins) implements Content {

        public HelmChart {
            postRenderers = List.copyOf(postRenderers);
            dependencyLogins = dependencyLogins == null ? DependencyLogins.NONE : dependencyLogins;
        }

        /** A chart whose output is applied as Helm renders it, its dependencies fetched without credentials. */
        public HelmChart(String origin, ChartSource chart, Map<String, Object> values, List<ValuesLayer> valuesFrom,
                ReleaseOptions options) {
            this(origin, chart, values, valuesFrom, options, List.of(), DependencyLogins.NONE);
        }

        /** Whether a Secret holds some of the values: then they are Secret data, never carried in clear. */
        public boolean valuesFromSecret() {
            return valuesFrom.stream().anyMatch(layer -> layer instanceof ValuesLayer.Read read && read.secret());
        }
    }

    /**
     * Objects applied as they are.
     *
     * @param options the reconcile interval and drift detection mode their annotations set, Flux's defaults else
     */
    public record Manifests(List<Map<String, Object>> objects, ReleaseOptions options) implements Content {
    }

    /** A declaration that cannot be rendered; {@code error} names the file, the object and the reason. */
    public record Invalid(String error) implements Content {
    }
}
