package io.flotilla.renderer.render;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.CommitDetected;
import io.flotilla.events.CompressedObjects;
import io.flotilla.events.CompressedChart;
import io.flotilla.events.CompressedValues;
import io.flotilla.events.CrdPolicy;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.events.Tenant;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.renderer.chart.ChartArchive;
import io.flotilla.renderer.chart.ChartCache;
import io.flotilla.renderer.chart.ChartSourceUnavailableException;
import io.flotilla.renderer.chart.ChartsOnDisk;
import io.flotilla.renderer.chart.HelmRepositoryCharts;
import io.flotilla.renderer.chart.OciCharts;
import io.flotilla.renderer.cluster.Capabilities;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.digest.Digests;
import io.flotilla.renderer.kustomize.Kustomize;
import io.flotilla.renderer.kustomize.KustomizeBuilds;
import io.flotilla.renderer.kustomize.KustomizeException;
import io.flotilla.renderer.release.CommitDeclarations;
import io.flotilla.renderer.release.DeclaredRelease.HelmChart;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.DeclaredRelease;
import io.flotilla.renderer.release.ReleaseScanner;
import io.flotilla.renderer.render.CommitTargets.Target;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.source.RepositoryCache;
import io.flotilla.renderer.source.RepositoryUnavailableException;
import io.flotilla.renderer.targeting.InvalidTargetingException;
import io.flotilla.renderer.targeting.Targeting;
import io.flotilla.renderer.targeting.TargetingFile;
import io.flotilla.renderer.targeting.TargetingReport;
import io.flotilla.renderer.targeting.TargetingReports;

/**
 * Turns a commit into the desired state of each release on each cluster it targets: one
 * {@link ReleaseRendered} per release per cluster, for the releases whose input changed since they were
 * last rendered. The input digest is computed before rendering, so a commit that changes one release out of
 * a thousand renders one. Every rendering carries its commit's order (its offset on the commits topic), and a
 * commit rendered again for a cluster whose capabilities changed keeps it.
 *
 * <p>What this returns is taken as published: the caller publishes it, retrying until it is on the topic. The
 * releases it published are what a later commit's removals are computed from ({@link PublishedReleases}), not the
 * parent commit, so a commit never seen (a renderer stopped while it went by) loses no removal; after a restart
 * the caller hands back what the rendered topic holds ({@link #restore}).
 *
 * <p>A chart that asks for the target cluster's capabilities ({@code .Capabilities}, {@code kubeVersion}) is not
 * rendered for a cluster whose capabilities are not known yet: it waits, and {@link #renderAgain} renders it once
 * they are known, and again whenever they change. Plain manifests and charts that do not ask render at once.
 *
 * <p>Which clusters a release goes to is the repository's targeting file's to say ({@link Targeting}), the folder
 * conventions else; the fleet is asked at every render, and {@link #renderAgain} renders the last commit of every
 * repository for a cluster that joins or whose labels change (its releases there, and removals of those that no
 * longer target it), while {@link #forgetCluster} forgets a cluster that left without removing anything. A
 * targeting file that cannot be read fails every release published from its repository, with its line and reason,
 * and removes nothing.
 *
 * <p>Every render is bounded: values over a size and a rendering over a time fail the release with the reason
 * (an input that timed out fails again at once, without a second render, until it changes).
 *
 * <p>Bad input never stops the rest: a release that cannot be rendered yields a {@code ReleaseRendered} with
 * its error for each of its clusters, and the other releases render as usual. Failures are not remembered:
 * a failed release is rendered again, and its failure reported again, at every commit until it renders, so
 * a failure that came from outside the input (a full disk) heals by itself, and going back to the last good
 * input is emitted again.
 */
public final class CommitRenderer implements AutoCloseable {

    /** The most compressed values a rendering carries for Helm's release record; larger ones are left out of it. */
    static final int MAX_RECORD_VALUES_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(CommitRenderer.class);
    /** Below Kafka's default record limit of 1 MiB, leaving room for the rest of the event. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 900_000;
    /** Room for a few thousand typical charts, each written out with a copy or two for Helm. */
    public static final long DEFAULT_CHART_CACHE_MAX_BYTES = 1L << 30;
    /** Values larger than any a chart is meant to take: large data belongs in files or ConfigMaps. */
    public static final long DEFAULT_MAX_VALUES_BYTES = 1L << 20;
    /** Far longer than any reasonable chart takes, short enough that a runaway template does not hold a commit. */
    public static final Duration DEFAULT_RENDER_TIMEOUT = Duration.ofMinutes(2);
    /** Inputs remembered as timed out; each is one release at one input. */
    private static final int TIMED_OUT_KEPT = 1_000;

    private final RepositoryCache repositories;
    private final ReleaseScanner scanner;
    private final KustomizeBuilds kustomizeBuilds;
    private final ChartsOnDisk chartsOnDisk;
    private final ChartCache charts;
    private final RepositoryCache chartRepositories;
    private final ChartArchive archives;
    private final HelmRepositoryCharts repositoryCharts;
    private final OciCharts registries;
    private final OutboundPolicy outbound;
    private final SecretSealing sealing;
    private final HelmTemplate helm;
    private final RenderCache cache = new RenderCache();
    private final RecordCharts recordCharts = new RecordCharts();
    private final CapabilitiesAsked capabilitiesAsked = new CapabilitiesAsked();
    private final RenderPool helmCalls;
    private final ClusterCapabilities capabilities;
    private final Supplier<List<ClusterRef>> fleet;
    private final int maxPayloadBytes;
    private final long maxValuesBytes;
    private final PublishedReleases published = new PublishedReleases();
    private final TargetingReports targetingReports = new TargetingReports();
    /** Why each input digest that took longer than the render timeout failed. */
    private final Map<String, String> timedOut = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > TIMED_OUT_KEPT;
        }
    });

    /**
     * @param workDir where the renderer keeps its clones, charts and scratch files
     * @param fleet   the clusters of the fleet now, asked at every render (the service's live
     *                {@link io.flotilla.clusters.Fleet#refs()})
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet) {
        this(workDir, fleet, DEFAULT_MAX_PAYLOAD_BYTES, new ClusterCapabilities(), 0, DEFAULT_CHART_CACHE_MAX_BYTES);
    }

    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes) {
        this(workDir, fleet, maxPayloadBytes, capabilities, renderThreads, chartCacheMaxBytes,
                DEFAULT_MAX_VALUES_BYTES, DEFAULT_RENDER_TIMEOUT);
    }

    /**
     * @param maxPayloadBytes    the largest compressed objects a release may have: a release over it fails
     *                           rather than being refused by Kafka
     * @param capabilities       each cluster's Kubernetes version and API versions, Helm's {@code .Capabilities}
     * @param renderThreads      Helm renders at once; 0 for the default (one per core)
     * @param chartCacheMaxBytes what the charts written out for Helm may take on disk between commits
     * @param maxValuesBytes     the largest values (as JSON) a release may give Helm
     * @param renderTimeout      how long the rendering of one release may take
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes, long maxValuesBytes,
            Duration renderTimeout) {
        this(workDir, fleet, maxPayloadBytes, capabilities, renderThreads, chartCacheMaxBytes, maxValuesBytes,
                renderTimeout, Kustomize.find(Optional.empty()));
    }

    /** @param kustomize what builds kustomization folders, Flux Kustomizations and post-renderers */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes, long maxValuesBytes,
            Duration renderTimeout, Kustomize kustomize) {
        this(workDir, fleet, maxPayloadBytes, capabilities, renderThreads, chartCacheMaxBytes, maxValuesBytes,
                renderTimeout, kustomize, GitCredentials.none());
    }

    /**
     * @param credentials the Secrets Git repositories, Helm repositories and registries are fetched with, as their
     *                    sources name them or the configuration gives them
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes, long maxValuesBytes,
            Duration renderTimeout, Kustomize kustomize, GitCredentials credentials) {
        this(workDir, fleet, maxPayloadBytes, capabilities, renderThreads, chartCacheMaxBytes, maxValuesBytes,
                renderTimeout, kustomize, credentials, OutboundPolicy.anywhere());
    }

    /**
     * @param outbound where the Git repositories, Helm repositories, registries and values URLs a commit names may
     *                 be: the service passes its configured policy ({@code flotilla.outbound.*}); the constructors
     *                 without it, for a user's own machine and for tests, let a commit name any place
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes, long maxValuesBytes,
            Duration renderTimeout, Kustomize kustomize, GitCredentials credentials, OutboundPolicy outbound) {
        this(workDir, fleet, maxPayloadBytes, capabilities, renderThreads, chartCacheMaxBytes, maxValuesBytes,
                renderTimeout, kustomize, credentials, outbound, SecretSealing.none());
    }

    /**
     * @param sealing what is done to the data of rendered Secrets before they leave the renderer: the service seals
     *                it with its key ring ({@code flotilla.secrets.*}); the constructors without it leave it as
     *                rendered, for renderings that are never published
     */
    public CommitRenderer(Path workDir, Supplier<List<ClusterRef>> fleet, int maxPayloadBytes,
            ClusterCapabilities capabilities, int renderThreads, long chartCacheMaxBytes, long maxValuesBytes,
            Duration renderTimeout, Kustomize kustomize, GitCredentials credentials, OutboundPolicy outbound,
            SecretSealing sealing) {
        this.sealing = sealing;
        this.outbound = outbound;
        this.kustomizeBuilds = new KustomizeBuilds(kustomize, workDir.resolve("kustomize"));
        this.scanner = new ReleaseScanner(kustomizeBuilds);
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxValuesBytes = maxValuesBytes;
        this.helmCalls = RenderPool.of(renderThreads, renderTimeout);
        this.capabilities = capabilities;
        this.repositories = new RepositoryCache(workDir.resolve("repositories"), credentials);
        this.chartsOnDisk = new ChartsOnDisk(chartCacheMaxBytes);
        this.chartRepositories = new RepositoryCache(workDir.resolve("chart-repositories"), credentials, outbound);
        this.archives = new ChartArchive(workDir.resolve("repository-charts"), chartsOnDisk);
        this.repositoryCharts = new HelmRepositoryCharts(archives, credentials.secrets(), outbound);
        this.registries = new OciCharts(archives, credentials.secrets(), outbound);
        this.charts = new ChartCache(workDir.resolve("charts"), chartsOnDisk, repositoryCharts, registries);
        this.helm = new HelmTemplate(workDir.resolve("scratch"));
        this.fleet = fleet;
    }

    /** {@link #render(CommitDetected, long)} for a commit whose order does not matter (a benchmark, a test). */
    public List<ReleaseRendered> render(CommitDetected commit) {
        return render(commit, 0);
    }

    /**
     * The releases of {@code commit} that changed, on every cluster they target, and those it no longer declares.
     *
     * @param commitOrder the commit's offset on the commits topic, carried by every rendering
     * @throws RepositoryUnavailableException  when the commit cannot be fetched: nothing of it can be rendered
     * @throws ChartSourceUnavailableException when a chart's repository or registry cannot be reached: the commit
     *                                         is rendered again once it can
     */
    public synchronized List<ReleaseRendered> render(CommitDetected commit, long commitOrder) {
        return render(commit, commitOrder, false);
    }

    /**
     * {@link #render(CommitDetected, long)}; but when {@code failOutOfReach}, a release whose chart repository or
     * registry still cannot be reached fails with the reason instead of holding the commit, so that a source out of
     * reach for good (a wrong port, a registry taken down) never stops the commits after it, which may fix it.
     */
    public synchronized List<ReleaseRendered> render(CommitDetected commit, long commitOrder, boolean failOutOfReach) {
        List<ReleaseRendered> rendered = render(commit, commitOrder, null, failOutOfReach).releases();
        published.commitRendered(commit.repository(), commit.sha(), commitOrder);
        return rendered;
    }

    /**
     * Whether {@code commit} is in the renderer's clone of its repository already, so that its render fetches
     * nothing; without touching the network, nor waiting for a render or a fetch under way.
     *
     * @throws RepositoryUnavailableException when the clone cannot be opened
     */
    public boolean hasCommit(CommitDetected commit) {
        return repositories.has(commit.repository(), commit.sha());
    }

    /**
     * Fetches {@code commit}'s repository into the renderer's clone unless it has the commit already, so that the
     * commit's render reads it without touching the network. Neither waits for a render under way nor holds one up:
     * a repository whose host does not answer holds only its own commits; fetches of one repository run one at a
     * time.
     *
     * @throws RepositoryUnavailableException when the repository cannot be fetched for now
     * @throws io.flotilla.renderer.source.CommitNotFoundException when it was fetched and lacks the commit
     */
    public void fetch(CommitDetected commit) {
        repositories.fetch(commit.repository(), commit.sha(), commit.access());
    }

    /**
     * The last commit of each repository rendered again for {@code cluster}, which joined the fleet, whose labels
     * changed or whose capabilities became known or changed: the releases there whose input changed, with their
     * commit's order, and the removals of those that no longer target it. Nothing for a cluster not in the fleet.
     *
     * @throws ChartSourceUnavailableException as {@link #render(CommitDetected, long, boolean)}
     */
    public synchronized List<ReleaseRendered> renderAgain(String cluster, boolean failOutOfReach) {
        if (fleet.get().stream().noneMatch(ref -> ref.name().equals(cluster))) {
            return List.of();
        }
        List<ReleaseRendered> rendered = new ArrayList<>();
        for (PublishedReleases.LastCommit last : published.lastCommits()) {
            CommitDetected commit = new CommitDetected(last.repository(), null, last.sha(), null, List.of(), null,
                    null, null);
            try {
                rendered.addAll(render(commit, last.order(), cluster, failOutOfReach).releases());
            } catch (RepositoryUnavailableException e) {
                // A repository gone from its host (or out of reach) must not hold the others: its next commit
                // renders with the cluster's capabilities as they are then.
                LOG.warnf("cannot render %s at %s again for cluster %s: %s", last.repository(), last.sha(), cluster,
                        e.getMessage());
            }
        }
        return rendered;
    }

    /**
     * Forgets what was published and rendered for {@code cluster}, which left the fleet: nothing is removed there
     * (what was deployed stays unless the registry asks the applier to uninstall it), and if it joins again every
     * release that targets it is rendered for it anew.
     */
    public synchronized void forgetCluster(String cluster) {
        published.forgetCluster(cluster);
        cache.forgetCluster(cluster);
        LOG.infof("cluster %s left the fleet: what was rendered for it is forgotten, nothing is removed", cluster);
    }

    /** How each repository's releases were targeted at its last render, for {@code GET /api/targeting}. */
    public List<TargetingReport> targetingReports() {
        return targetingReports.all(fleet.get());
    }

    /**
     * Takes back a rendering published before this renderer started (read from the rendered topic, oldest first):
     * it counts as published for later removals, and as rendered for the render cache.
     */
    public synchronized void restore(ReleaseRendered rendering) {
        published.record(List.of(rendering));
        if (rendering.failed() || rendering.removed() || rendering.inputDigest() == null) {
            cache.forget(rendering.release());
        } else {
            cache.remember(rendering.release(), rendering.inputDigest());
        }
    }

    /**
     * What was last published from {@code repository} and not removed since, each with the input digest it was
     * rendered with (none for one that failed): what a preview of the repository is compared with.
     */
    public synchronized List<ReleaseRendered> publishedOf(String repository) {
        return published.of(repository).stream().map(release -> ReleaseRendered.builder().release(release.release())
                .format(release.format()).repository(repository).sourceFile(release.sourceFile())
                .options(release.options()).commitOrder(release.commitOrder())
                .inputDigest(cache.digestOf(release.release())).build()).toList();
    }

    /**
     * A commit of a branch or pull request rendered as a commit of the watched branch would be, against
     * {@code published} (what {@link #publishedOf} of the renderer publishing the watched branch says): the releases
     * whose input differs (rendered, or failing with the reason), those the commit no longer declares (removed), and
     * how many stay as they are. This renderer's own state is replaced by {@code published} first: a renderer that
     * previews never publishes on the rendered topic. A chart source out of reach fails its releases at once.
     *
     * @param refs where the host keeps the commit when no branch holds it ({@code refs/pull/7/head}), tried in turn
     * @throws RepositoryUnavailableException when the commit cannot be fetched: nothing of it can be rendered
     * @throws io.flotilla.renderer.source.CommitNotFoundException when neither a branch nor {@code refs} hold it
     */
    public synchronized Previewed preview(CommitDetected commit, List<ReleaseRendered> published, List<String> refs) {
        this.published.clear();
        cache.clear();
        published.forEach(this::restore);
        repositories.fetchPreview(commit.repository(), commit.sha(), refs);
        Rendered rendered = render(commit, 0, null, true);
        long changedTargets = rendered.releases().stream()
                .filter(release -> rendered.targeted().contains(release.release())).count();
        return new Previewed(rendered.releases(),
                (int) (rendered.targeted().size() - rendered.waiting() - changedTargets));
    }

    /**
     * A preview's renderings: those whose input differs from what was published (objects or error), the removals,
     * and how many targeted releases render as they run.
     */
    public record Previewed(List<ReleaseRendered> releases, int unchanged) {
    }

    /** A render's renderings, the releases it targets on the clusters rendered for, and how many wait. */
    private record Rendered(List<ReleaseRendered> releases, Set<ReleaseKey> targeted, int waiting) {
    }

    /** @param onlyCluster the one cluster to render for; null for every cluster of the fleet */
    private Rendered render(CommitDetected commit, long commitOrder, String onlyCluster,
            boolean failOutOfReach) {
        trimChartCaches();
        CommitSnapshot snapshot = repositories.snapshot(commit.repository(), commit.sha(), commit.access());
        List<ClusterRef> fleetNow = fleet.get();
        List<ClusterRef> clusters = onlyCluster == null ? fleetNow
                : fleetNow.stream().filter(ref -> ref.name().equals(onlyCluster)).toList();
        Set<String> clusterNames = clusters.stream().map(ClusterRef::name).collect(Collectors.toSet());
        Targeting targeting;
        try {
            targeting = Targeting.of(snapshot);
        } catch (InvalidTargetingException e) {
            return new Rendered(targetingFailed(commit, snapshot, clusterNames, e, commitOrder), Set.of(), 0);
        }
        CommitDeclarations declared = scanner.scan(snapshot);
        List<DeclaredRelease> releases = new ArrayList<>(declared.releases());
        releases.addAll(TenantLimits.of(targeting.tenants()));
        CommitTargets commitTargets = CommitTargets.of(releases, targeting, fleetNow);
        targetingReports.put(commit.repository(), snapshot.sha(),
                snapshot.isFile(TargetingFile.NAME) ? TargetingFile.NAME : null, null, targeting.entries(),
                targeting.tenants(), commitTargets.warnings());
        if (onlyCluster == null) {
            commitTargets.warnings().forEach(warning -> LOG.warn(warning.message()));
        }
        Map<ReleaseKey, List<Target>> targets = new LinkedHashMap<>();
        commitTargets.byKey().forEach((key, declarations) -> {
            if (clusterNames.contains(key.cluster())) {
                targets.put(key, declarations);
            }
        });
        CommitCharts commitCharts = new CommitCharts(snapshot, charts, chartRepositories, repositoryCharts,
                registries, outbound);
        List<Outcome> outcomes = new ArrayList<>();
        RenderPool.Batch started = helmCalls.batch();
        try {
            decideAll(targets, commitCharts, started, outcomes, commit, snapshot, commitOrder, failOutOfReach);
        } finally {
            // Renders already started end before the commit's outcome, whatever it is, is known.
            started.awaitAll();
        }
        List<ReleaseRendered> rendered = new ArrayList<>();
        int waiting = 0;
        for (Outcome outcome : outcomes) {
            if (outcome.waiting()) {
                waiting++;
                continue;
            }
            ReleaseRendered result = outcome.rendering() == null ? outcome.result()
                    : finish(outcome, commit, snapshot, commitOrder);
            if (result != null) {
                rendered.add(result);
            }
        }
        rendered = withTenants(withRollouts(rendered, targets, commitTargets, commit.repository(), commitOrder),
                targets);
        rendered.addAll(removed(commit, snapshot, clusterNames, targets.keySet(), declared.unreadableFiles(),
                commitOrder));
        published.record(rendered);
        LOG.infof("%s at %s: %d of %d releases on their clusters changed, failed or were removed; %d wait for"
                + " their cluster's capabilities", commit.repository(), snapshot.shortSha(), rendered.size(),
                targets.size(), waiting);
        return new Rendered(rendered, Set.copyOf(targets.keySet()), waiting);
    }

    /**
     * The releases last published from this repository on these clusters that this commit no longer declares
     * there. A release whose file this commit cannot read is not gone, only unreadable: it fails, and nothing is
     * uninstalled.
     *
     * @param unreadableFiles why each file of this commit that should declare releases cannot be read, by path
     */
    private List<ReleaseRendered> removed(CommitDetected commit, CommitSnapshot snapshot, Set<String> clusterNames,
            Set<ReleaseKey> current, Map<String, String> unreadableFiles, long commitOrder) {
        List<ReleaseRendered> removed = new ArrayList<>();
        for (PublishedReleases.Published release : published.of(commit.repository())) {
            ReleaseKey key = release.release();
            if (current.contains(key) || !clusterNames.contains(key.cluster())) {
                continue;
            }
            cache.forget(key);
            ReleaseRendered.Builder gone = ReleaseRendered.builder().release(key).format(release.format())
                    .repository(commit.repository()).sourceSha(snapshot.sha()).sourceFile(release.sourceFile())
                    .options(release.options()).commitOrder(commitOrder);
            String unreadable = unreadableFiles.get(release.sourceFile());
            removed.add(unreadable != null
                    ? gone.error(release.sourceFile() + ": release " + key.namespace() + "/" + key.name()
                            + ": its file cannot be read, so the release is kept as it is: " + unreadable).build()
                    : gone.removed(true).build());
        }
        return removed;
    }

    /**
     * The renderings of releases whose targeting entry has waves, each with its place in the rollout: its wave, and
     * the clusters of the wave before that render the release with the commit order of what they were given (this
     * commit's when rendered now, else what was last published there).
     */
    private List<ReleaseRendered> withRollouts(List<ReleaseRendered> rendered, Map<ReleaseKey, List<Target>> targets,
            CommitTargets commitTargets, String repository, long commitOrder) {
        Map<ReleaseKey, Long> ordersNow = new LinkedHashMap<>();
        rendered.forEach(rendering -> ordersNow.put(rendering.release(), rendering.commitOrder()));
        List<ReleaseRendered> placed = new ArrayList<>(rendered.size());
        for (ReleaseRendered rendering : rendered) {
            List<Target> declarations = targets.get(rendering.release());
            Rollout rollout = declarations == null || declarations.size() != 1 ? null
                    : commitTargets.rollout(declarations.get(0), key -> ordersNow.containsKey(key)
                            ? ordersNow.get(key) : published.order(repository, key).orElse(commitOrder));
            placed.add(rollout == null ? rendering : rendering.toBuilder().rollout(rollout).build());
        }
        return placed;
    }

    /**
     * The renderings of releases declared in a tenant's folders, each with the tenant as on its cluster, so that the
     * applier holds the release to what the tenant may use and applies it as the tenant's service account.
     */
    private static List<ReleaseRendered> withTenants(List<ReleaseRendered> rendered,
            Map<ReleaseKey, List<Target>> targets) {
        List<ReleaseRendered> stamped = new ArrayList<>(rendered.size());
        for (ReleaseRendered rendering : rendered) {
            List<Target> declarations = targets.get(rendering.release());
            Tenant tenant = declarations == null || declarations.size() != 1 ? null : declarations.get(0).tenant();
            stamped.add(tenant == null ? rendering : rendering.toBuilder().tenant(tenant).build());
        }
        return stamped;
    }

    /**
     * Every release published from the commit's repository on these clusters fails with why its targeting file
     * cannot be used; nothing is removed, and what was deployed stays until the file is fixed.
     */
    private List<ReleaseRendered> targetingFailed(CommitDetected commit, CommitSnapshot snapshot,
            Set<String> clusterNames, InvalidTargetingException e, long commitOrder) {
        targetingReports.put(commit.repository(), snapshot.sha(), TargetingFile.NAME, e.getMessage(), List.of(),
                List.of(), List.of());
        List<ReleaseRendered> failed = new ArrayList<>();
        for (PublishedReleases.Published release : published.of(commit.repository())) {
            ReleaseKey key = release.release();
            if (!clusterNames.contains(key.cluster())) {
                continue;
            }
            cache.forget(key);
            failed.add(ReleaseRendered.builder().release(key).format(release.format())
                    .repository(commit.repository()).sourceSha(snapshot.sha()).sourceFile(release.sourceFile())
                    .options(release.options()).commitOrder(commitOrder)
                    .error(e.getMessage() + " (nothing is changed on the clusters until the file is fixed)").build());
        }
        published.record(failed);
        LOG.warnf("%s at %s: %s; %d releases fail until it is fixed", commit.repository(), snapshot.shortSha(),
                e.getMessage(), failed.size());
        return failed;
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

    @Override
    public void close() {
        repositories.close();
        chartRepositories.close();
        helmCalls.close();
    }

    /**
     * What becomes of each release on each cluster it targets, in order, into {@code outcomes}; each rendering
     * starts as soon as it is decided.
     */
    private void decideAll(Map<ReleaseKey, List<Target>> targets, CommitCharts commitCharts, RenderPool.Batch started,
            List<Outcome> outcomes, CommitDetected commit, CommitSnapshot snapshot, long commitOrder,
            boolean failOutOfReach) {
        Map<DeclaredRelease, ReleaseInput> inputs = new IdentityHashMap<>();
        Map<RenderingKey, Rendering> renderings = new HashMap<>();
        for (Map.Entry<ReleaseKey, List<Target>> entry : targets.entrySet()) {
            ReleaseKey key = entry.getKey();
            List<Target> declarations = entry.getValue();
            if (declarations.size() > 1) {
                cache.forget(key);
                outcomes.add(Outcome.known(declaredTwice(key, declarations, commit, snapshot, commitOrder)));
                continue;
            }
            Target target = declarations.get(0);
            try {
                ReleaseInput input = inputs.computeIfAbsent(target.release(),
                        release -> ReleaseInput.of(release, commitCharts, maxValuesBytes));
                outcomes.add(decide(target, key, input, renderings, started, commit, snapshot, commitOrder));
            } catch (ChartSourceUnavailableException e) {
                if (!failOutOfReach) {
                    throw e;
                }
                cache.forget(key);
                outcomes.add(Outcome.known(outOfReach(key, target.release(), e, commit, snapshot, commitOrder)));
            } catch (RuntimeException e) {
                // A fault of ours with one release must not cost the others their render.
                LOG.errorf(e, "cannot render %s from %s", key, target.release().sourceFile());
                cache.forget(key);
                outcomes.add(Outcome.known(unexpectedFailure(key, target.release(), e, commit, snapshot,
                        commitOrder)));
            }
        }
    }

    /**
     * What becomes of a release on a cluster: known already (it failed before rendering; or its input did not
     * change, and the result is null: nothing to emit), or the rendering it waits for.
     */
    private Outcome decide(Target target, ReleaseKey key, ReleaseInput input, Map<RenderingKey, Rendering> renderings,
            RenderPool.Batch started, CommitDetected commit, CommitSnapshot snapshot, long commitOrder) {
        ClusterRef cluster = target.cluster();
        DeclaredRelease release = input.release();
        if (input.failed()) {
            cache.forget(key);
            return Outcome.known(failed(key, input, null, input.error(), commit, snapshot, commitOrder));
        }
        Capabilities clusterCapabilities;
        try {
            clusterCapabilities = capabilitiesFor(cluster, input);
        } catch (IOException | RuntimeException e) {
            cache.forget(key);
            return Outcome.known(failed(key, input, null, release.sourceFile() + ": cannot read chart "
                    + input.chart().folder() + ": " + e.getMessage(), commit, snapshot, commitOrder));
        }
        if (clusterCapabilities == null) {
            return Outcome.WAITING;
        }
        ClusterInput clusterInput = ClusterInput.of(input, target.entry(), cluster,
                capabilities.known(cluster.name()) ? capabilities.of(cluster.name()).kubeVersion() : null,
                maxValuesBytes);
        if (clusterInput.failed()) {
            cache.forget(key);
            return Outcome.known(failed(key, input, null, clusterInput.error(), commit, snapshot, commitOrder));
        }
        String inputDigest = inputDigest(clusterInput, cluster, clusterCapabilities, key, release, target.tenant());
        if (cache.isUnchanged(key, inputDigest)) {
            return Outcome.known(null);
        }
        String timedOutBefore = timedOut.get(inputDigest);
        if (timedOutBefore != null) {
            return Outcome.known(failed(key, input, inputDigest, timedOutBefore, commit, snapshot, commitOrder));
        }
        RenderingKey renderingKey = new RenderingKey(release, clusterCapabilities,
                Objects.toString(clusterInput.valuesDigest()) + "/" + clusterInput.contentDigest());
        Rendering rendering = renderings.get(renderingKey);
        if (rendering == null) {
            rendering = new Rendering(clusterInput, clusterCapabilities, snapshot);
            renderings.put(renderingKey, rendering);
            rendering.prepare();
            started.start(rendering);
        }
        return new Outcome(key, rendering, inputDigest, null);
    }

    /**
     * Helm's capabilities for the release on {@code cluster}: Helm's defaults for plain manifests and for a chart
     * that does not ask for them, so that a change of the cluster's leaves those releases as they are; null for a
     * chart that asks for them while the cluster's are not known yet: it waits for them.
     */
    private Capabilities capabilitiesFor(ClusterRef cluster, ReleaseInput input) throws IOException {
        if (!(input.release().content() instanceof HelmChart)) {
            return Capabilities.HELM_DEFAULTS;
        }
        if (!capabilitiesAsked.by(input.chartDigest(), () -> charts.materialise(input.chartSnapshot(), input.chart()))) {
            return Capabilities.HELM_DEFAULTS;
        }
        return capabilities.known(cluster.name()) ? capabilities.of(cluster.name()) : null;
    }

    private ReleaseRendered finish(Outcome outcome, CommitDetected commit, CommitSnapshot snapshot,
            long commitOrder) {
        ReleaseKey key = outcome.key();
        Rendering rendering = outcome.rendering();
        ClusterInput clusterInput = rendering.input();
        ReleaseInput input = clusterInput.input();
        DeclaredRelease release = input.release();
        if (rendering.error() != null) {
            cache.forget(key);
            if (rendering.timedOut()) {
                timedOut.put(outcome.inputDigest(), rendering.error());
            }
            return failed(key, input, outcome.inputDigest(), rendering.error(), commit, snapshot, commitOrder);
        }
        cache.remember(key, outcome.inputDigest());
        return new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(), release.sourceFile(),
                input.chartName(), input.chartVersion(), clusterInput.contentDigest(), clusterInput.valuesDigest(),
                outcome.inputDigest(), rendering.objectCount(), rendering.objects(), null, release.options(), false,
                commitOrder, null, rendering.chartCrds(), helmRecordValues(release, clusterInput),
                rendering.recordChart(), notesOf(release, rendering), null);
    }

    /** The notes, unless values from a Secret may be printed in them: Secret data does not travel in clear. */
    private static String notesOf(DeclaredRelease release, Rendering rendering) {
        return release.content() instanceof HelmChart helm && !helm.valuesFromSecret() ? rendering.notes() : null;
    }

    /**
     * The values for Helm's release record: those Helm rendered the chart with, unless a Secret gave some of them
     * (Secret data does not travel in clear), the release has no chart, or they take more than
     * {@value #MAX_RECORD_VALUES_BYTES} bytes compressed (the record carries the objects first).
     */
    private static CompressedValues helmRecordValues(DeclaredRelease release, ClusterInput clusterInput) {
        if (!(release.content() instanceof HelmChart helm) || helm.valuesFromSecret() || clusterInput.values() == null) {
            return null;
        }
        CompressedValues values = CompressedValues.of(clusterInput.values());
        return values.encodedSize() <= MAX_RECORD_VALUES_BYTES ? values : null;
    }

    private static ReleaseRendered failed(ReleaseKey key, ReleaseInput input, String inputDigest, String error,
            CommitDetected commit, CommitSnapshot snapshot, long commitOrder) {
        DeclaredRelease release = input.release();
        return new ReleaseRendered(key, release.format(), commit.repository(), snapshot.sha(), release.sourceFile(),
                input.chartName(), input.chartVersion(), input.chartDigest(), input.valuesDigest(), inputDigest,
                0, null, error, release.options(), false, commitOrder, null, 0, null, null, null, null);
    }

    private static ReleaseRendered outOfReach(ReleaseKey key, DeclaredRelease release,
            ChartSourceUnavailableException e, CommitDetected commit, CommitSnapshot snapshot, long commitOrder) {
        return ReleaseRendered.builder().release(key).format(release.format()).repository(commit.repository())
                .sourceSha(snapshot.sha()).sourceFile(release.sourceFile()).options(release.options())
                .error(release.sourceFile() + ": " + e.getMessage() + " (still, after the renderer's retries; the "
                        + "next commit tries again)")
                .commitOrder(commitOrder).build();
    }

    private static ReleaseRendered unexpectedFailure(ReleaseKey key, DeclaredRelease release, RuntimeException e,
            CommitDetected commit, CommitSnapshot snapshot, long commitOrder) {
        return ReleaseRendered.builder().release(key).format(release.format()).repository(commit.repository())
                .sourceSha(snapshot.sha()).sourceFile(release.sourceFile()).options(release.options())
                .error(release.sourceFile() + ": cannot render: " + e).commitOrder(commitOrder).build();
    }

    private static ReleaseRendered declaredTwice(ReleaseKey key, List<Target> declarations, CommitDetected commit,
            CommitSnapshot snapshot, long commitOrder) {
        DeclaredRelease first = declarations.get(0).release();
        String files = declarations.stream().map(target -> target.release().sourceFile()).distinct()
                .collect(Collectors.joining(", "));
        return ReleaseRendered.builder().release(key).format(first.format()).repository(commit.repository())
                .sourceSha(snapshot.sha()).sourceFile(first.sourceFile()).options(first.options())
                .error(files + ": release " + key.namespace() + "/" + key.name() + " on cluster " + key.cluster()
                        + " is declared more than once; give each a different name or namespace")
                .commitOrder(commitOrder).build();
    }

    private static boolean isHook(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("annotations") instanceof Map<?, ?> annotations
                && annotations.get("helm.sh/hook") != null;
    }

    /**
     * The digest of what the release is rendered from on a cluster: its input, and what its post-renderers do to
     * Helm's output.
     */
    private static String inputDigest(ClusterInput clusterInput, ClusterRef cluster, Capabilities capabilities,
            ReleaseKey key, DeclaredRelease release, Tenant tenant) {
        String digest = Digests.input(clusterInput.contentDigest(), clusterInput.valuesDigest(), cluster,
                capabilities, key, release.format(), release.options());
        if (tenant != null) {
            // What the tenant may use changes what the applier makes of the same objects.
            digest = Digests.sha256(digest + Digests.canonicalJson(tenant));
        }
        if (release.content() instanceof HelmChart chart && !chart.postRenderers().isEmpty()) {
            return Digests.sha256(digest + Digests.canonicalJson(chart.postRenderers()));
        }
        return digest;
    }

    /** Where a message about a release points: its HelmRelease in its file, or its folder of manifests. */
    private static String origin(DeclaredRelease release) {
        return release.content() instanceof HelmChart chart ? chart.origin() : release.sourceFile();
    }

    /**
     * A release's rendering for one set of capabilities and one input (values or objects, after the customizations
     * and variables of a cluster), shared by the clusters that have them.
     */
    private record RenderingKey(DeclaredRelease release, Capabilities capabilities, String clusterInput) {

        @Override
        public boolean equals(Object other) {
            // Declarations are told apart by identity: two equal documents in two files are two releases.
            return other instanceof RenderingKey key && key.release == release
                    && key.capabilities.equals(capabilities) && key.clusterInput.equals(clusterInput);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(release) * 31 + capabilities.hashCode()) * 31 + clusterInput.hashCode();
        }
    }

    /**
     * A release on a cluster: its result when known before rendering, else the rendering it takes its objects
     * from, with its input digest.
     */
    private record Outcome(ReleaseKey key, Rendering rendering, String inputDigest, ReleaseRendered result,
            boolean waiting) {

        /** Waits for its cluster's capabilities: nothing to emit now. */
        static final Outcome WAITING = new Outcome(null, null, null, null, true);

        Outcome(ReleaseKey key, Rendering rendering, String inputDigest, ReleaseRendered result) {
            this(key, rendering, inputDigest, result, false);
        }

        static Outcome known(ReleaseRendered result) {
            return new Outcome(null, null, null, result);
        }
    }

    /**
     * One release rendered at most once per commit, set of capabilities and cluster input, whichever clusters it goes
     * to.
     */
    final class Rendering implements RenderPool.Stages {
        private final ClusterInput input;
        private final Capabilities capabilities;
        private final CommitSnapshot snapshot;
        private Path chartDir;
        private HelmTemplate.Prepared prepared;
        private String manifest;
        private CompressedObjects objects;
        private int objectCount;
        private int chartCrds;
        private String notes;
        private CompressedChart recordChart;
        private String error;
        /** Set from the deadline's thread; once set, it is the outcome whatever the abandoned render does. */
        private volatile String timeoutError;

        Rendering(ClusterInput input, Capabilities capabilities, CommitSnapshot snapshot) {
            this.input = input;
            this.capabilities = capabilities;
            this.snapshot = snapshot;
        }

        ClusterInput input() {
            return input;
        }

        /**
         * A chart's part of the render that needs no Helm (its folder, the copy Helm renders, the values as Helm reads
         * them), done by the commit's thread as it decides the render, so that the Helm thread only runs Helm.
         */
        void prepare() {
            if (!(input.input().release().content() instanceof HelmChart)) {
                return;
            }
            try {
                chartDir = charts.materialise(input.input().chartSnapshot(), input.input().chart());
                prepared = helm.prepare(chartDir, input.values(), capabilities);
            } catch (RenderException | IOException | RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void helm() {
            if (prepared == null) {
                return;
            }
            DeclaredRelease release = input.input().release();
            try {
                manifest = helm.manifest(prepared, release.name(), release.namespace(), capabilities);
            } catch (RenderException | RuntimeException e) {
                fail(e);
            } finally {
                prepared = null;
            }
        }

        @Override
        public void read() {
            if (error != null) {
                return;
            }
            try {
                List<Map<String, Object>> rendered = sealing.apply(objectsOf(),
                        input.input().release().namespace());
                CompressedObjects compressed = CompressedObjects.of(rendered);
                if (compressed.encodedSize() > maxPayloadBytes) {
                    error = origin() + ": the rendered objects take " + compressed.encodedSize()
                            + " bytes compressed, over the limit of " + maxPayloadBytes
                            + " bytes (flotilla.renderer.max-payload-bytes); split the release or raise the limit";
                    return;
                }
                objects = compressed;
                objectCount = rendered.size();
                if (recordChart != null && compressed.encodedSize() + recordChart.encodedSize() > maxPayloadBytes) {
                    // The objects come first: Helm's record then keeps the chart's name and version only.
                    recordChart = null;
                }
            } catch (RenderException | RuntimeException e) {
                fail(e);
            } finally {
                manifest = null;
            }
        }

        /** A stage failed: a render's own fault is told as it is; anything else is logged, a fault of ours. */
        private void fail(Exception e) {
            if (e instanceof RenderException) {
                error = origin() + ": " + e.getMessage();
                return;
            }
            LOG.errorf(e, "cannot render %s", origin());
            error = origin() + ": cannot render: " + e;
        }

        /**
         * The release's objects; a chart's {@code crds/} CRDs first, counted, and left out of post-rendering as Helm
         * leaves them out. They are rendered unless both CRD policies skip them: the applier applies each policy.
         */
        private List<Map<String, Object>> objectsOf() throws RenderException {
            DeclaredRelease release = input.input().release();
            if (release.content() instanceof Manifests) {
                return SopsOrigins.attach(input.objects(), snapshot);
            }
            HelmTemplate.ChartObjects chart = helm.objects(chartDir, manifest,
                    release.options().crds() != CrdPolicy.SKIP || release.options().upgradeCrds() != CrdPolicy.SKIP);
            chartCrds = chart.crds().size();
            notes = chart.notes();
            try {
                recordChart = recordCharts.of(chartDir);
            } catch (IOException e) {
                throw new RenderException("cannot read the chart for Helm's release record: " + e.getMessage(), e);
            }
            List<Map<String, Object>> objects = new ArrayList<>(chart.crds());
            objects.addAll(postRendered(chart.rendered(), ((HelmChart) release.content()).postRenderers()));
            return objects;
        }

        /**
         * Helm's output through each kustomize post-renderer in turn, as helm-controller runs them; hooks are left
         * out of it, as Helm gives a post-renderer only the release's manifest.
         */
        private List<Map<String, Object>> postRendered(List<Map<String, Object>> objects,
                List<Map<String, Object>> postRenderers) throws RenderException {
            if (postRenderers.isEmpty()) {
                return objects;
            }
            List<Map<String, Object>> hooks = objects.stream().filter(CommitRenderer::isHook).toList();
            List<Map<String, Object>> manifest = objects.stream().filter(object -> !isHook(object)).toList();
            int index = 0;
            for (Map<String, Object> overlay : postRenderers) {
                try {
                    manifest = kustomizeBuilds.postRender(manifest, overlay);
                } catch (KustomizeException e) {
                    throw new RenderException("spec.postRenderers[" + index + "]: " + e.getMessage());
                }
                index++;
            }
            List<Map<String, Object>> all = new ArrayList<>(manifest);
            all.addAll(hooks);
            return all;
        }

        private String origin() {
            return CommitRenderer.origin(input.input().release());
        }

        @Override
        public void timedOut(Duration bound) {
            String limit = bound.toMillis() % 1000 == 0 ? bound.toSeconds() + " s" : bound.toMillis() + " ms";
            timeoutError = origin() + ": rendering took longer than the " + limit
                    + " limit (flotilla.renderer.render-timeout); simplify the chart's templates or its values";
        }

        boolean timedOut() {
            return timeoutError != null;
        }

        String error() {
            return timeoutError != null ? timeoutError : error;
        }

        CompressedObjects objects() {
            return objects;
        }

        int objectCount() {
            return objectCount;
        }

        int chartCrds() {
            return chartCrds;
        }

        String notes() {
            return notes;
        }

        /** The chart for Helm's release record; null for a release without a chart. */
        CompressedChart recordChart() {
            return recordChart;
        }
    }
}
