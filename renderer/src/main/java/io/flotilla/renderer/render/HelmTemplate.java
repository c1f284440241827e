package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import io.flotilla.renderer.cluster.Capabilities;

/**
 * {@code helm template} through helm-java: real Helm, in this process. Inline values go to Helm as a values
 * file (JSON, which is YAML), exactly as {@code helm template -f values.yaml} reads them.
 */
public final class HelmTemplate {

    /** Helm's advice about its CLI flag means nothing to a Flotilla user. */
    private static final String DEBUG_ADVICE = "Use --debug flag to render out invalid YAML";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int CHARTS_KEPT = 256;

    private final Path scratch;
    /**
     * Each rendering thread writes its values to a file of its own, overwritten at each render and never
     * deleted in between: creating and deleting a file per render can cost more than Helm's rendering.
     */
    private final ThreadLocal<Path> valuesFiles;
    private final Map<CrdsKey, List<Map<String, Object>>> crdsByChart = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CrdsKey, List<Map<String, Object>>> eldest) {
            return size() > CHARTS_KEPT;
        }
    };

    /** @param scratch where values files are written while Helm reads them */
    public HelmTemplate(Path scratch) {
        this.scratch = scratch;
        long process = ProcessHandle.current().pid();
        this.valuesFiles = ThreadLocal.withInitial(() -> scratch.resolve(
                "values-" + process + "-" + Thread.currentThread().getId() + ".json"));
    }

    /**
     * What Helm needs for one render, made ready off the Helm thread: the copy of the chart Helm renders
     * ({@link ChartHooks}) and the values, as written for Helm.
     *
     * @param chart the chart itself, whose plain copy says a failed render's message
     */
    public record Prepared(Path chart, Path copy, byte[] values) {
    }

    /**
     * The chart's copy and the values for {@link #manifest}: the part of a render that needs no Helm, so that it runs
     * before the render's turn on the Helm thread.
     *
     * @param capabilities the target cluster's Kubernetes version and API versions, Helm's defaults where unknown
     */
    public Prepared prepare(Path chart, Map<String, Object> values, Capabilities capabilities) throws RenderException {
        try {
            byte[] valuesJson = JSON.writeValueAsBytes(values);
            return new Prepared(chart, ChartHooks.forValues(chart, capabilities.apiVersions(), valuesJson), valuesJson);
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart for Helm: " + e.getMessage(), e);
        }
    }

    /**
     * Helm's manifest of the chart: the release's objects, its hooks among them with their annotation keys renamed,
     * and which charts of the tree Helm kept ({@link ChartHooks}). Helm's part of a render, apart from reading its
     * output ({@link #objects}), so that the two can run side by side for different releases.
     *
     * @param capabilities the target cluster's Kubernetes version and API versions, Helm's defaults where unknown
     */
    public String manifest(Prepared prepared, String releaseName, String namespace, Capabilities capabilities)
            throws RenderException {
        Path valuesFile = valuesFiles.get();
        try {
            overwrite(valuesFile, prepared.values());
            try {
                return render(prepared.copy(), releaseName, namespace, valuesFile, capabilities);
            } catch (IllegalStateException e) {
                throw new RenderException(ChartHooks.keepsLines(prepared.copy()) ? helmMessage(e)
                        : plainMessage(prepared.chart(), releaseName, namespace, valuesFile, capabilities, e), e);
            }
        } catch (IOException e) {
            throw new RenderException("cannot prepare the chart for Helm: " + e.getMessage(), e);
        } finally {
            TerminationSignal.reclaim();
        }
    }

    private static String render(Path chart, String releaseName, String namespace, Path valuesFile,
            Capabilities capabilities) {
        TemplateCommand template = new Helm(chart).template()
                .withName(releaseName)
                .withNamespace(namespace)
                .withValuesFile(valuesFile);
        if (capabilities.kubeVersion() != null) {
            template.withKubeVersion(capabilities.kubeVersion());
        }
        String manifest = template.call();
        return manifest == null ? "" : manifest;
    }

    /**
     * Helm's message for a render that failed, as Helm says it for the chart itself: in the revealing copy, a
     * template's {@code fail} or {@code required} is reported at the line of the {@code include} that runs it.
     */
    private static String plainMessage(Path chart, String releaseName, String namespace, Path valuesFile,
            Capabilities capabilities, IllegalStateException failure) throws IOException {
        try {
            render(ChartHooks.plain(chart, capabilities.apiVersions()), releaseName, namespace, valuesFile,
                    capabilities);
            return helmMessage(failure);
        } catch (IllegalStateException e) {
            return helmMessage(e);
        }
    }

    /**
     * The chart's objects as Helm would install them: its CRDs (unless {@code withCrds} is false: the release never
     * applies them), then the release's objects of {@code manifest}, then its hooks.
     */
    public ChartObjects objects(Path chart, String manifest, boolean withCrds) throws RenderException {
        try {
            ChartHooks.Revealed revealed = ChartHooks.read(HelmOutput.objects(manifest),
                    manifest.contains(ChartHooks.HIDDEN));
            return new ChartObjects(withCrds ? crds(chart, revealed.crds()) : List.of(), revealed.objects(),
                    revealed.notes());
        } catch (IOException e) {
            throw new RenderException("cannot read the chart's CRDs: " + e.getMessage(), e);
        }
    }

    /**
     * A chart rendered as Helm installs it.
     *
     * @param crds     the CustomResourceDefinitions of the {@code crds/} folders of the chart and of the subcharts Helm
     *                 keeps, which Helm installs first, never templates nor post-renders, and treats by the release's
     *                 CRD policies
     * @param rendered the release's objects as Helm rendered them, hooks last; templated CRDs among them
     * @param notes    the chart's {@code NOTES.txt} as Helm rendered it; null for a chart without
     */
    public record ChartObjects(List<Map<String, Object>> crds, List<Map<String, Object>> rendered, String notes) {

        public ChartObjects {
            crds = List.copyOf(crds);
            rendered = List.copyOf(rendered);
        }
    }

    /**
     * Writes over the file in place, then cuts what is left of longer content: truncating a file to nothing
     * first can cost milliseconds on file systems that discard freed blocks, more than Helm's rendering.
     */
    private void overwrite(Path file, byte[] content) throws IOException {
        FileChannel opened;
        try {
            opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(scratch);
            opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        try (FileChannel channel = opened) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer, buffer.position());
            }
            channel.truncate(content.length);
        }
    }

    /**
     * A chart's folder never changes (it is named by its digest): its CRDs are read once for each set of charts Helm
     * keeps of it.
     */
    private List<Map<String, Object>> crds(Path chart, List<ChartCrds.KeptChart> kept)
            throws RenderException, IOException {
        CrdsKey key = new CrdsKey(chart, kept);
        synchronized (crdsByChart) {
            List<Map<String, Object>> known = crdsByChart.get(key);
            if (known != null) {
                return known;
            }
        }
        List<Map<String, Object>> read = ChartCrds.of(chart, kept);
        synchronized (crdsByChart) {
            crdsByChart.put(key, read);
        }
        return read;
    }

    private static String helmMessage(IllegalStateException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replace(DEBUG_ADVICE, "").strip();
    }

    private record CrdsKey(Path chart, List<ChartCrds.KeptChart> kept) {
    }
}
