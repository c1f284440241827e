package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.CrdPolicy;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.renderer.chart.ChartArchive;
import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.chart.ChartsOnDisk;
import io.flotilla.renderer.chart.HelmRepositoryCharts;
import io.flotilla.renderer.chart.OciCharts;
import io.flotilla.renderer.cluster.Capabilities;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.release.CommitDeclarations;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.DeclaredRelease;
import io.flotilla.renderer.release.ReleaseScanner;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.source.RepositoryCache;
import io.flotilla.renderer.source.RepositoryUnavailableException;
import io.flotilla.renderer.target.TargetSelector;

/**
 * Turns a commit into the desired state of each release on each cluster it targets: one
 * {@link ReleaseRendered} per release per cluster, for the releases whose input changed since they were
 * last rendered. The input digest is computed before rendering, so a commit that changes one release out of
 * a thousand renders one.
 *
 * <p>Bad input never stops the rest: a release that cannot be rendered yields a {@code ReleaseRendered} with
 * its error for each of its clusters, and the other releases render as usual. Failures are not remembered:
 * a failed release is rendered again, and its failure reported again, at every commit until it renders, so
 * a failure that came from outside the input (a full disk) heals by itself, and going back to the last good
 * input is emitted again.
 */
public final class CommitRenderer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CommitRenderer.class);
    /** Below Kafka's default record limit of 1 MiB, leaving room for the rest of the event. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 900_000;
    /** Room for a few thousand typical charts, each written out with a copy or two for Helm. */
    public static final long DEFAULT_CHART_CACHE_MAX_BYTES = 1L << 30;

    private final RepositoryCache repositories;
    private final ReleaseScanner scanner = new ReleaseScanner();
    private final ChartsOnDisk chartsOnDisk;
    private final ChartCache charts;
    private final RepositoryCache chartRepositories;
    private final ChartArchive archives;
    private final HelmRepositoryCharts repositoryCharts;
    private final OciCharts registries;
    private final HelmTemplate helm;
    private final RenderCache cache = new RenderCache();
    private final CapabilitiesAsked capabilitiesAsked = new CapabilitiesAsked();
    private final RenderPool helmCalls;
    private final ClusterCapabilities capabilities;
    private final Supplier<List<ClusterRef>> fleet;
    private final int maxPayloadBytes;

    /**
     * @param workDir where the renderer keeps its clones, charts and scratch files
     * @param fleet   the registered clusters, asked at every commit so that new clusters are picked up
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet) {
        this(workDir, fleet, DEFAULT_MAX_PAYLOAD_BYTES, new ClusterCapabilities(), 0, DEFAULT_CHART_CACHE_MAX_BYTES);
    }

    /**
     * @param maxPayloadBytes    the largest compressed objects a release may have: a release over it fails
     *                           rather than being refused by Kafka
     * @param capabilities       each cluster's Kubernetes version and API versions, Helm's {@code .Capabilities}
     * @param renderThreads      Helm renders at once; 0 for the default (one per two cores)
     * @param chartCacheMaxBytes what the charts written out for Helm may take on disk between commits
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.helmCalls = RenderPool.of(renderThreads);
        this.capabilities = capabilities;
        this.repositories = new RepositoryCache(workDir.resolve("repositories"));
        this.chartsOnDisk = new ChartsOnDisk(chartCacheMaxBytes);
        this.charts = new ChartCache(workDir.resolve("charts"), chartsOnDisk);
        this.chartRepositories = new RepositoryCache(workDir.resolve("chart-repositories"));
        this.archives = new ChartArchive(workDir.resolve("repository-charts"), chartsOnDisk);
        this.repositoryCharts = new HelmRepositoryCharts(archives);
        this.registries = new OciCharts(archives);
        this.helm = new HelmTemplate(workDir.resolve("scratch"));
        this.fleet = fleet;
    }

    /**
     * The releases of {@code commit} that changed, on every cluster they target.
     *
     * @throws RepositoryUnavailableException when the commit cannot be fetched: nothing of it can be rendered
     */
    public List<ReleaseRendered> render(CommitDetected commit) {
        trimChartCaches();
        CommitSnapshot snapshot = repositories.snapshot(commit.repository(), commit.sha());
        List<ClusterRef> clusters = fleet.get();
        CommitDeclarations declared = scanner.scan(snapshot);
        Map<ReleaseKey, List<Target>> targets = targets(declared.releases(), clusters);
        Map<DeclaredRelease, ReleaseInput> inputs = new IdentityHashMap<>();
        Map<RenderingKey, Rendering> renderings = new LinkedHashMap<>();
        CommitCharts commitCharts = new CommitCharts(snapshot, charts, chartRepositories, repositoryCharts,
                registries);
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<ReleaseKey, List<Target>> entry : targets.entrySet()) {
            ReleaseKey key = entry.getKey();
            List<Target> declarations = entry.getValue();
            if (declarations.size() > 1) {
                cache.forget(key);
                outcomes.add(Outcome.known(declaredTwice(key, declarations, commit, snapshot)));
                continue;
            }
            Target target = declarations.get(0);
            try {
                ReleaseInput input = inputs.computeIfAbsent(target.release(),
                        release -> ReleaseInput.of(release, commitCharts));
                outcomes.add(decide(target.cluster(), key, input, renderings, commit, snapshot));
            } catch (RuntimeException e) {
                // A fault of ours with one release must not cost the others their render.
                LOG.errorf(e, "cannot render %s from %s", key, target.release().sourceFile());
                cache.forget(key);
                outcomes.add(Outcome.known(unexpectedFailure(key, target.release(), e, commit, snapshot)));
            }
        }
        helmCalls.renderAll(renderings.values());
        List<ReleaseRendered> rendered = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            ReleaseRendered result = outcome.rendering() == null ? outcome.result() : finish(outcome, commit, snapshot);
            if (result != null) {
                rendered.add(result);
            }
        }
        rendered.addAll(removed(commit, snapshot, clusters, targets.keySet(), declared.unreadableFiles()));
        LOG.infof("%s at %s: %d of %d releases on their clusters changed, failed or were removed",
                commit.repository(), snapshot.shortSha(), rendered.size(), targets.size());
        return rendered;
    }

    /**
     * The releases the parent commit declared on a cluster that this commit no longer declares there. Read
     * from the parent itself rather than remembered, so a restarted renderer finds them just the same. A release
     * whose file this commit cannot read is not gone, only unreadable: it fails, and nothing is uninstalled.
     *
     * @param unreadableFiles why each file of this commit that should declare releases cannot be read, by path
     */
    private List<ReleaseRendered> removed(CommitDetected commit, CommitSnapshot snapshot, List<ClusterRef> clusters,
            Set<ReleaseKey> current, Map<String, String> unreadableFiles) {
        if (commit.parent() == null || commit.parent().isBlank() || commit.parent().equals(commit.sha())) {
            return List.of();
        }
        CommitSnapshot parent;
        try {
            parent = repositories.snapshot(commit.repository(), commit.parent());
        } catch (RepositoryUnavailableException e) {
            // Without the parent nothing can be said to be gone; uninstalling on a guess would be worse.
            LOG.warnf("cannot read parent %s of %s: releases removed by this commit are not reported: %s",
                    commit.parent(), commit.sha(), e.getMessage());
            return List.of();
        }
        List<ReleaseRendered> removed = new ArrayList<>();
        for (Map.Entry<ReleaseKey, List<Target>> entry : targets(scanner.scan(parent).releases(), clusters)
                .entrySet()) {
            ReleaseKey key = entry.getKey();
            if (current.contains(key)) {
                continue;
            }
            cache.forget(key);
            DeclaredRelease release = entry.getValue().get(0).release();
            String unreadable = unreadableFiles.get(release.sourceFile());
            if (unreadable != null) {
                removed.add(new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(),
                        release.sourceFile(), null, null, null, null, null, 0, null, origin(release)
                                + ": its file cannot be read, so the release is kept as it is: " + unreadable,
                        release.options(), false, 0));
                continue;
            }
            removed.add(new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(),
                    release.sourceFile(), null, null, null, null, null, 0, null, null, release.options(), true, 0));
        }
        return removed;
    }

    /** Before a commit's renders, never during them: no render loses the chart it reads. */
    private void trimChartCaches() {
        try {
            chartsOnDisk.trim();
        } catch (IOException e) {
            // A chart left on disk costs space, not correctness; the next commit tries again.
            LOG.warnf("cannot trim the chart caches: %s", e.getMessage());
        }
    }

    /** Makes the next commit render and emit the release whatever its digest, when emitting it failed. */
    public void forget(ReleaseKey release) {
        cache.forget(release);
    }

    @Override
    public void close() {
        repositories.close();
        chartRepositories.close();
        helmCalls.close();
    }

    private static Map<ReleaseKey, List<Target>> targets(List<DeclaredRelease> releases, List<ClusterRef> fleet) {
        Map<ReleaseKey, List<Target>> targets = new LinkedHashMap<>();
        for (DeclaredRelease release : releases) {
            for (ClusterRef cluster : TargetSelector.targets(release.folder(), fleet)) {
                ReleaseKey key = new ReleaseKey(cluster.name(), release.namespace(), release.name());
                targets.computeIfAbsent(key, k -> new ArrayList<>()).add(new Target(cluster, release));
            }
        }
        return targets;
    }

    /**
     * What becomes of a release on a cluster: known already (it failed before rendering; or its input did not
     * change, and the result is null: nothing to emit), or the rendering it waits for.
     */
    private Outcome decide(ClusterRef cluster, ReleaseKey key, ReleaseInput input,
            Map<RenderingKey, Rendering> renderings, CommitDetected commit, CommitSnapshot snapshot) {
        DeclaredRelease release = input.release();
        if (input.failed()) {
            cache.forget(key);
            return Outcome.known(failed(key, input, null, input.error(), commit, snapshot));
        }
        Capabilities clusterCapabilities;
        try {
            clusterCapabilities = capabilitiesFor(cluster, input);
        } catch (IOException | RuntimeException e) {
            cache.forget(key);
            return Outcome.known(failed(key, input, null, release.sourceFile() + ": cannot read chart "
                    + input.chart().folder() + ": " + e.getMessage(), commit, snapshot));
        }
        String inputDigest = Digests.input(input.chartDigest(), input.valuesDigest(), cluster, clusterCapabilities,
                key, release.format(), release.options());
        if (cache.isUnchanged(key, inputDigest)) {
            return Outcome.known(null);
        }
        Rendering rendering = renderings.computeIfAbsent(new RenderingKey(release, clusterCapabilities),
                k -> new Rendering(input, clusterCapabilities));
        return new Outcome(key, rendering, inputDigest, null);
    }

    /**
     * Helm's capabilities for the release on {@code cluster}: Helm's defaults for plain manifests and for a chart
     * that does not ask for them, so that a change of the cluster's leaves those releases as they are.
     */
    private Capabilities capabilitiesFor(ClusterRef cluster, ReleaseInput input) throws IOException {
        if (!(input.release().content() instanceof HelmChart)) {
            return Capabilities.HELM_DEFAULTS;
        }
        Capabilities served = capabilities.of(cluster.name());
        if (served.equals(Capabilities.HELM_DEFAULTS) || capabilitiesAsked.by(input.chartDigest(),
                () -> charts.materialise(input.chartSnapshot(), input.chart()))) {
            return served;
        }
        return Capabilities.HELM_DEFAULTS;
    }

    private ReleaseRendered finish(Outcome outcome, CommitDetected commit, CommitSnapshot snapshot) {
        ReleaseKey key = outcome.key();
        Rendering rendering = outcome.rendering();
        ReleaseInput input = rendering.input();
        DeclaredRelease release = input.release();
        if (rendering.error() != null) {
            cache.forget(key);
            return failed(key, input, outcome.inputDigest(), rendering.error(), commit, snapshot);
        }
        cache.remember(key, outcome.inputDigest());
        return new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(), release.sourceFile(),
                input.chartName(), input.chartVersion(), input.chartDigest(), input.valuesDigest(),
                outcome.inputDigest(), rendering.objectCount(), rendering.objects(), null, release.options(), false, 0);
    }

    private static ReleaseRendered failed(ReleaseKey key, ReleaseInput input, String inputDigest, String error,
            CommitDetected commit, CommitSnapshot snapshot) {
        DeclaredRelease release = input.release();
        return new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(), release.sourceFile(),
                input.chartName(), input.chartVersion(), input.chartDigest(), input.valuesDigest(), inputDigest,
                0, null, error, release.options(), false, 0);
    }

    private static ReleaseRendered unexpectedFailure(ReleaseKey key, DeclaredRelease release, RuntimeException e,
            CommitDetected commit, CommitSnapshot snapshot) {
        return new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(), release.sourceFile(),
                null, null, null, null, null, 0, null, release.sourceFile() + ": cannot render: " + e);
    }

    private static ReleaseRendered declaredTwice(ReleaseKey key, List<Target> declarations, CommitDetected commit,
            CommitSnapshot snapshot) {
        DeclaredRelease first = declarations.get(0).release();
        String files = declarations.stream().map(target -> target.release().sourceFile()).distinct()
                .collect(Collectors.joining(", "));
        return new ReleaseRendered(key, first.format(), commit.repository(), snapshot.sha(), first.sourceFile(),
                null, null, null, null, null, 0, null,
                files + ": release " + key.namespace() + "/" + key.name() + " on cluster " + key.cluster()
                        + " is declared more than once; give each a different name or namespace");
    }

    /** Where a message about a release points: its HelmRelease in its file, or its folder of manifests. */
    private static String origin(DeclaredRelease release) {
        return release.content() instanceof HelmChart chart ? chart.origin() : release.sourceFile();
    }

    private record Target(ClusterRef cluster, DeclaredRelease release) {
    }

    /** A release's rendering for one set of capabilities, shared by the clusters that have them. */
    private record RenderingKey(DeclaredRelease release, Capabilities capabilities) {

        @Override
        public boolean equals(Object other) {
            // Declarations are told apart by identity: two equal documents in two files are two releases.
            return other instanceof RenderingKey key && key.release == release
                    && key.capabilities.equals(capabilities);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(release) * 31 + capabilities.hashCode();
        }
    }

    /**
     * A release on a cluster: its result when known before rendering, else the rendering it takes its objects
     * from, with its input digest.
     */
    private record Outcome(ReleaseKey key, Rendering rendering, String inputDigest, ReleaseRendered result) {

        static Outcome known(ReleaseRendered result) {
            return new Outcome(null, null, null, result);
        }
    }

    /**
     * One release rendered at most once per commit and set of capabilities, whichever clusters it goes to.
     */
    final class Rendering implements RenderPool.Stages {
        private final ReleaseInput input;
        private final Capabilities capabilities;
        private Path chartDir;
        private String manifest;
        private CompressedObjects objects;
        private int objectCount;
        private String error;

        Rendering(ReleaseInput input, Capabilities capabilities) {
            this.input = input;
            this.capabilities = capabilities;
        }

        ReleaseInput input() {
            return input;
        }

        @Override
        public void helm() {
            if (!(input.release().content() instanceof HelmChart)) {
                return;
            }
            DeclaredRelease release = input.release();
            try {
                chartDir = charts.materialise(input.chartSnapshot(), input.chart());
                manifest = helm.manifest(chartDir, release.name(), release.namespace(), input.values(), capabilities);
            } catch (RenderException e) {
                error = origin() + ": " + e.getMessage();
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "cannot render %s", origin());
                error = origin() + ": cannot render: " + e;
            }
        }

        @Override
        public void read() {
            if (error != null) {
                return;
            }
            try {
                List<Map<String, Object>> rendered = objectsOf(input);
                CompressedObjects compressed = CompressedObjects.of(rendered);
                if (compressed.encodedSize() > maxPayloadBytes) {
                    error = origin() + ": the rendered objects take " + compressed.encodedSize()
                            + " bytes compressed, over the limit of " + maxPayloadBytes
                            + " bytes (flotilla.renderer.max-payload-bytes); split the release or raise the limit";
                    return;
                }
                objects = compressed;
                objectCount = rendered.size();
            } catch (RenderException e) {
                error = origin() + ": " + e.getMessage();
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot render %s", origin());
                error = origin() + ": cannot render: " + e;
            } finally {
                manifest = null;
            }
        }

        private List<Map<String, Object>> objectsOf(ReleaseInput input) throws RenderException {
            DeclaredRelease release = input.release();
            if (release.content() instanceof Manifests manifests) {
                return manifests.objects();
            }
            return helm.objects(chartDir, manifest, release.options().crds() != CrdPolicy.SKIP);
        }

        private String origin() {
            return CommitRenderer.origin(input.release());
        }

        String error() {
            return error;
        }

        CompressedObjects objects() {
            return objects;
        }

        int objectCount() {
            return objectCount;
        }
    }
}
