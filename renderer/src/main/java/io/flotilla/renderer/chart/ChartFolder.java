package io.flotilla.renderer.chart;

import java.util.List;
import java.util.Map;

import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * A chart as a folder of a commit. Its Git tree id is its digest: it changes exactly when a file of the
 * chart changes, and it is known without reading the files.
 *
 * @param name    from {@code Chart.yaml}, null when that file cannot be read (Helm then says why)
 * @param version from {@code Chart.yaml}, likewise
 */
public record ChartFolder(String folder, String digest, String name, String version) {

    private static final String CHART_FILE = "Chart.yaml";

    public static ChartFolder at(CommitSnapshot snapshot, ChartLocation location) throws ChartNotFoundException {
        String folder = location.folder().orElseThrow(() -> new ChartNotFoundException(
                location.field() + " '" + location.path() + "' points outside the repository"));
        String treeId = snapshot.folderId(folder).orElseThrow(() -> new ChartNotFoundException(
                location.field() + " '" + location.path() + "' does not exist at " + snapshot.shortSha()))
                .getName();
        String chartFile = folder.isEmpty() ? CHART_FILE : folder + "/" + CHART_FILE;
        if (!snapshot.isFile(chartFile)) {
            throw new ChartNotFoundException(location.field() + " '" + location.path() + "' is not a chart: it has no "
                    + CHART_FILE + " at " + snapshot.shortSha());
        }
        Map<?, ?> metadata = metadata(snapshot.readText(chartFile));
        return new ChartFolder(folder, treeId, text(metadata.get("name")), text(metadata.get("version")));
    }

    private static Map<?, ?> metadata(String chartFile) {
        try {
            List<Object> documents = YamlDocuments.parse(chartFile);
            return !documents.isEmpty() && documents.get(0) instanceof Map<?, ?> map ? map : Map.of();
        } catch (InvalidYamlException e) {
            return Map.of();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
