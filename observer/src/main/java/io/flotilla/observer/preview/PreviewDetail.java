package io.flotilla.observer.preview;

import java.util.List;

/**
 * A preview as {@code GET /api/previews/{id}} gives it: the list's fields, why the commit does not render at all (null
 * when it does), and per cluster each release that changes with its objects, refusals, violations and render error.
 */
public record PreviewDetail(PreviewView preview, String error, List<ClusterPreview> clusters) {

    /** The releases of one cluster the commit changes, by namespace and name. */
    public record ClusterPreview(String cluster, List<ReleasePreview> releases) {
    }

    public static PreviewDetail of(Preview preview) {
        return new PreviewDetail(PreviewView.of(preview), preview.error(), preview.byCluster().entrySet().stream()
                .map(cluster -> new ClusterPreview(cluster.getKey(), cluster.getValue())).toList());
    }
}
