package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.marcnuri.helm.Helm;

/**
 * {@code helm template} through helm-java: real Helm, in this process. Inline values go to Helm as a values
 * file (JSON, which is YAML), exactly as {@code helm template -f values.yaml} reads them.
 */
public final class HelmTemplate {

    /** Helm's advice about its CLI flag means nothing to a Flotilla user. */
    private static final String DEBUG_ADVICE = "Use --debug flag to render out invalid YAML";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path scratch;

    /** @param scratch where values files are written while Helm reads them */
    public HelmTemplate(Path scratch) {
        this.scratch = scratch;
    }

    /**
     * The chart's objects as Helm would install them: its CRDs first (unless {@code withCrds} is false, the
     * {@code Skip} policy), then the release's objects, then its hooks.
     */
    public List<Map<String, Object>> render(Path chart, String releaseName, String namespace,
            Map<String, Object> values, boolean withCrds) throws RenderException {
        Path valuesFile = null;
        try {
            Files.createDirectories(scratch);
            valuesFile = Files.createTempFile(scratch, "values-", ".json");
            JSON.writeValue(valuesFile.toFile(), values);
            String manifest = new Helm(ChartHooks.revealing(chart)).template()
                    .withName(releaseName)
                    .withNamespace(namespace)
                    .withValuesFile(valuesFile)
                    .call();
            List<Map<String, Object>> objects = new ArrayList<>(withCrds ? ChartCrds.of(chart) : List.of());
            objects.addAll(ChartHooks.restore(HelmOutput.objects(manifest == null ? "" : manifest)));
            return objects;
        } catch (IllegalStateException e) {
            throw new RenderException(helmMessage(e), e);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart for Helm: " + e.getMessage(), e);
        } finally {
            TerminationSignal.reclaim();
            deleteQuietly(valuesFile);
        }
    }

    private static String helmMessage(IllegalStateException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replace(DEBUG_ADVICE, "").strip();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A values file left behind in the scratch folder harms nothing.
        }
    }
}
