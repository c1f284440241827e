package io.flotilla.applier.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.cluster.ApiServerMessage;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.cluster.LiveObjects;
import io.flotilla.applier.cluster.ServedKinds;
import io.flotilla.applier.cluster.UnknownClusterException;
import io.flotilla.applier.cluster.UnservedKindException;
import io.flotilla.applier.health.HealthWait;
import io.flotilla.applier.hook.HelmHooks;
import io.flotilla.applier.hook.HookLedger;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.hook.HookRun;
import io.flotilla.applier.order.ApplyOrder;
import io.flotilla.applier.ownership.ObjectClaims;
import io.flotilla.applier.ownership.OwnershipMarks;
import io.flotilla.applier.prune.ObjectDeletion;
import io.flotilla.applier.prune.PruneSet;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.applier.sops.SopsKeys;
import io.flotilla.applier.tenancy.AppliedAs;
import io.flotilla.applier.tenancy.TenantRules;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.sealing.KeyRing;

/**
 * Applies the objects of one rendered release to its cluster with server-side apply, in install
 * order, after a dry run of them all; prunes what the release no longer has, and uninstalls it. An
 * object the API server refuses while applying fails the release but not the objects after it, so the
 * report shows everything that was tried; a cluster that cannot be reached stops the release at once.
 * Fields another manager owns are taken over, and the report says so, unless
 * {@code flotilla.apply.force-conflicts} is false: then such a conflict refuses the release.
 * <p>
 * Every object applied carries the release's marks ({@link OwnershipMarks}). An object new to the release that is
 * on the cluster already is adopted when no release marks it, and refuses the release when another release does
 * ({@link ObjectClaims}); prune and uninstall delete only what the release created ({@link ObjectDeletion}).
 */
@Singleton
public class ReleaseApply implements ClusterApply {

    public static final String FIELD_MANAGER = "flotilla";

    private static final PatchContext ADOPTION = new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(OwnershipMarks.ADOPTION_MANAGER).build();

    private final ClusterClients clusters;
    private final HealthWait health;
    private final boolean forceConflicts;
    private final HookLedger hooksRan;
    private final KeyRing secretKeys;
    private final SopsKeys sopsKeys;

    /**
     * @param secretKeys opens the sealed data of rendered Secrets, at the moment they are applied
     * @param sopsKeys   decrypt the objects committed SOPS-encrypted, at the moment they are applied
     */
    @Inject
    public ReleaseApply(ClusterClients clusters, HealthWait health,
            @ConfigProperty(name = "flotilla.apply.force-conflicts", defaultValue = "true") boolean forceConflicts,
            HookLedger hooksRan, KeyRing secretKeys, SopsKeys sopsKeys) {
        this.secretKeys = secretKeys;
        this.sopsKeys = sopsKeys;
        this.clusters = clusters;
        this.health = health;
        this.forceConflicts = forceConflicts;
        this.hooksRan = hooksRan;
    }

    /**
     * Runs the hooks of the phase, unless they already ran for the revision the release is about to record (the
     * applier stopped before recording it): those are reported as hooks again, not run twice.
     */
    private Optional<String> hooksOf(HookRun hookRun, DesiredRelease desired, String phase, List<HasMetadata> hooks,
            List<ObjectResult> results) {
        List<HasMetadata> ofPhase = HelmHooks.of(phase, hooks);
        if (ofPhase.isEmpty()) {
            return Optional.empty();
        }
        if (hooksRan.ran(desired.release(), desired.inputDigest(), phase)) {
            // Hooks are Jobs and Pods, namespaced: one rendered without a namespace ran in the release's.
            ofPhase.forEach(hook -> results.add(new ObjectResult(new ObjectRef(hook.getApiVersion(), hook.getKind(),
                    hook.getMetadata().getNamespace() == null ? desired.release().namespace()
                            : hook.getMetadata().getNamespace(), hook.getMetadata().getName()),
                    ObjectAction.HOOK, null)));
            return Optional.empty();
        }
        Optional<String> failed = hookRun.run(phase, ofPhase, results);
        if (failed.isEmpty()) {
            hooksRan.record(desired.release(), desired.inputDigest(), phase);
        }
        return failed;
    }

    /**
     * The release's objects, Secret data opened and SOPS-encrypted objects decrypted (with the identities of its
     * {@code decryption.secretRef}, read with the applier's own client of the cluster, as kustomize-controller
     * reads it).
     */
    private List<GenericKubernetesResource> decode(DesiredRelease desired, KubernetesSerialization serialization) {
        return RenderedObjects.decode(desired.objects(), desired.release().namespace(), serialization, secretKeys,
                sopsKeys.forRelease(desired.options().decryptionSecret(),
                        clusters.client(desired.release().cluster())), sopsKeys.digests());
    }

    /** The objects of the report that were applied, in the order they were. */
    public static List<ObjectRef> appliedObjects(ApplyReport report) {
        return report.objects().stream().filter(ObjectResult::onCluster).map(ObjectResult::object).toList();
    }

    /**
     * Waits until the objects {@code applied} are healthy: the report as it was then; Failed with the object and the
     * condition that failed, or that still held when {@code timeout} passed; Unreachable when the cluster stops
     * answering meanwhile. {@code waiting} runs once if they are not all healthy at the first look.
     */
    @Override
    public ApplyReport awaitHealth(ReleaseKey release, ApplyReport applied, Duration timeout, Runnable waiting) {
        return awaitHealth(release, appliedObjects(applied), applied, timeout, waiting);
    }

    @Override
    public ApplyReport awaitHealth(ReleaseKey release, List<ObjectRef> objects, ApplyReport applied,
            Duration timeout, Runnable waiting) {
        try {
            return health.await(clusters.client(release.cluster()), objects, applied.answers(), timeout, waiting)
                    .map(unhealthy -> ApplyReport.failed(unhealthy, applied.objects()))
                    .orElse(applied);
        } catch (UnknownClusterException e) {
            return ApplyReport.unreachable(e.getMessage(), applied.objects());
        } catch (KubernetesClientException e) {
            return unreachable(release, e, applied.objects()).orElseGet(() -> ApplyReport.failed(
                    "cannot wait for the release to become healthy: " + ApiServerMessage.of(e), applied.objects()));
        }
    }

    /**
     * Applies the desired release with the hooks of {@code phase}, then deletes what {@code inventory} (the objects
     * the release has on its cluster) holds that the release no longer renders. The chart's {@code crds/} CRDs are
     * applied as its CRD policy for the phase says ({@link ChartCrdPolicy}). Nothing is deleted unless every
     * object applied. Never throws for anything a release or a cluster can cause; the report says what happened.
     */
    @Override
    public ApplyReport apply(DesiredRelease desired, List<ObjectRef> inventory, HookPhase phase) {
        ReleaseKey release = desired.release();
        KubernetesClient client;
        List<GenericKubernetesResource> decoded;
        ServedKinds kinds;
        try {
            client = clusters.client(release.cluster(), AppliedAs.user(desired));
            decoded = decode(desired, client.getKubernetesSerialization());
            kinds = new ServedKinds(release.cluster(), clusters.client(release.cluster()));
        } catch (UnknownClusterException e) {
            return ApplyReport.unreachable(e.getMessage(), List.of());
        } catch (InvalidObjectException e) {
            return ApplyReport.failed(e.getMessage(), List.of());
        } catch (KubernetesClientException e) {
            return unreachable(release, e, List.of()).orElseGet(() -> ApplyReport.failed(
                    "cannot read the Secret of spec.decryption.secretRef: " + ApiServerMessage.of(e), List.of()));
        }
        Optional<ApplyReport> outsideTenant = outsideTenant(desired, decoded, kinds);
        if (outsideTenant.isPresent()) {
            return outsideTenant.get();
        }
        List<ObjectRef> crdsLeftAlone;
        try {
            crdsLeftAlone = crdsLeftAlone(desired, phase, decoded, client);
        } catch (KubernetesClientException e) {
            return unreachable(release, e, List.of()).orElseGet(() -> ApplyReport.failed(
                    "cannot read the chart's CustomResourceDefinitions: " + ApiServerMessage.of(e), List.of()));
        }
        List<GenericKubernetesResource> objects = marked(desired, ChartCrdPolicy.without(decoded, crdsLeftAlone));
        ReleaseNamespace namespace = new ReleaseNamespace(release.namespace());
        List<HasMetadata> hooks = objects.stream().<HasMetadata>map(object -> object).filter(HelmHooks::isHook).toList();
        List<HasMetadata> ordered = ApplyOrder.forInstall(objects.stream()
                .filter(object -> !HelmHooks.isHook(object)).toList());
        boolean createsItsNamespace = createsItsNamespace(desired, objects);
        ServerDryRun dryRun = new ServerDryRun(client, kinds, namespace,
                namespacesCreated(release, objects, createsItsNamespace), objects, forceConflicts);
        try {
            List<ObjectResult> refused = dryRun.refusals(ApplyOrder.forInstall(objects));
            if (!refused.isEmpty()) {
                return ApplyReport.refused(refused, objects.size());
            }
        } catch (KubernetesClientException e) {
            return unreachable(release, e, List.of()).orElseThrow(() -> e);
        }
        ObjectClaims claims;
        try {
            claims = claims(desired, client, ordered, inventory, dryRun);
        } catch (KubernetesClientException e) {
            return unreachable(release, e, List.of()).orElseGet(() -> ApplyReport.failed(
                    "cannot read an object the release is to apply: " + ApiServerMessage.of(e), List.of()));
        }
        if (!claims.refused().isEmpty()) {
            return ApplyReport.claimed(claims.refused(), objects.size());
        }
        try {
            if (createsItsNamespace && !dryRun.exists(release.namespace())) {
                ensureNamespace(client, release.namespace());
            }
        } catch (KubernetesClientException e) {
            return unreachable(release, e, List.of()).orElseGet(() -> ApplyReport.failed(
                    "cannot create the release namespace '" + release.namespace() + "': " + ApiServerMessage.of(e),
                    List.of()));
        }
        Map<ObjectRef, HasMetadata> answers = new HashMap<>();
        HookRun hookRun = new HookRun(client, health, Duration.ofSeconds(desired.options().timeoutSeconds()),
                object -> applyOne(release, client, kinds, namespace, dryRun, claims, object, (ref, answer) -> { }));
        List<ObjectResult> results = new ArrayList<>();
        try {
            Optional<String> failedHook = hooksOf(hookRun, desired, phase.before(), hooks, results);
            if (failedHook.isPresent()) {
                return ApplyReport.failed(failedHook.get(), results);
            }
            for (HasMetadata object : ordered) {
                results.add(applyOne(release, client, kinds, namespace, dryRun, claims, object, answers::put));
            }
            ApplyReport applied = ApplyReport.of(Outcome.Ready, results);
            if (applied.outcome() != Outcome.Ready) {
                return applied;
            }
            failedHook = hooksOf(hookRun, desired, phase.after(), hooks, results);
            if (failedHook.isPresent()) {
                return ApplyReport.failed(failedHook.get(), results);
            }
        } catch (ClusterUnreachableException e) {
            return ApplyReport.unreachable(e.getMessage(), results);
        } catch (KubernetesClientException e) {
            return unreachable(release, e, results).orElseGet(() -> ApplyReport.failed(ApiServerMessage.of(e),
                    results));
        }
        List<ObjectRef> kept = new ArrayList<>(crdsLeftAlone);
        results.stream().filter(result -> result.action() != ObjectAction.HOOK).map(ObjectResult::object)
                .forEach(kept::add);
        List<ObjectRef> gone = PruneSet.of(desired.options(), inventory, kept);
        List<String> notes = new ArrayList<>();
        for (ObjectResult result : results) {
            if (result.action() == ObjectAction.TAKEN_OVER) {
                dryRun.conflicts(result.object())
                        .ifPresent(conflict -> notes.add(result.object() + ": " + conflict + ", taken over"));
            }
            if (result.onCluster() && claims.adopts(result.object())) {
                notes.add(ObjectClaims.adoptionNote(result.object()));
            }
        }
        return deleting(release, client, gone, Outcome.Ready, results, notes).answered(answers);
    }

    /**
     * What {@link #apply} would change on the cluster now, without changing anything: each object of the release
     * (hooks aside) applied as a server-side dry run, its answer compared with the object as it is, and what the apply
     * would prune. A release beyond its tenant's rules would apply nothing: its diff is the broken rules, each object
     * refused with its reason.
     *
     * @param inventory the objects the release has on its cluster
     * @throws UnknownClusterException     when the cluster is not in the fleet
     * @throws InvalidObjectException      when a rendered object cannot be applied as it is
     * @throws ClusterUnreachableException when the cluster does not answer
     */
    public ReleaseDiff diff(DesiredRelease desired, List<ObjectRef> inventory) {
        ReleaseKey release = desired.release();
        KubernetesClient client = clusters.client(release.cluster(), AppliedAs.user(desired));
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        List<GenericKubernetesResource> decoded = decode(desired, serialization);
        try {
            TenantRules.Broken outsideTenant = TenantRules.broken(desired, decoded,
                    new ServedKinds(release.cluster(), clusters.client(release.cluster())));
            if (!outsideTenant.none()) {
                return new ReleaseDiff(release.toString(), desired.sourceSha(), outsideTenant.all().stream().map(
                        broken -> new ReleaseDiff.ObjectDiff(broken.object(), ReleaseDiff.Change.REFUSED, List.of(),
                                broken.error())).toList());
            }
            HookPhase phase = inventory.isEmpty() ? HookPhase.INSTALL : HookPhase.UPGRADE;
            List<ObjectRef> crdsLeftAlone = crdsLeftAlone(desired, phase, decoded, client);
            List<GenericKubernetesResource> objects = marked(desired, ChartCrdPolicy.without(decoded, crdsLeftAlone))
                    .stream().filter(object -> !HelmHooks.isHook(object)).toList();
            ServedKinds kinds = new ServedKinds(release.cluster(), clusters.client(release.cluster()));
            ReleaseNamespace namespace = new ReleaseNamespace(release.namespace());
            Set<String> namespacesCreated = namespacesCreated(release, objects, createsItsNamespace(desired, objects));
            List<ReleaseDiff.ObjectDiff> diffs = new ArrayList<>();
            List<ObjectRef> kept = new ArrayList<>(crdsLeftAlone);
            for (GenericKubernetesResource object : objects) {
                ReleaseDiff.ObjectDiff diff = diffOne(client, kinds, namespace, namespacesCreated, object);
                kept.add(diff.object());
                diffs.add(diff);
            }
            PruneSet.of(desired.options(), inventory, kept).forEach(gone -> diffs.add(
                    new ReleaseDiff.ObjectDiff(gone, ReleaseDiff.Change.DELETE, List.of(), null)));
            return new ReleaseDiff(release.toString(), desired.sourceSha(), diffs);
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw unreachableCluster(release, e);
            }
            throw e;
        }
    }

    /**
     * Why objects of {@code desired} break its tenant's rules, as {@link #apply} would refuse them, nothing sent:
     * each the rule, the file and the reason; empty for a release without a tenant, or within its rules.
     *
     * @throws UnknownClusterException     when the cluster is not in the fleet
     * @throws InvalidObjectException      when a rendered object cannot be read
     * @throws ClusterUnreachableException when the cluster does not answer which kinds are namespaced
     */
    public List<String> tenantViolations(DesiredRelease desired) {
        if (desired.tenant() == null) {
            return List.of();
        }
        ReleaseKey release = desired.release();
        KubernetesClient client = clusters.client(release.cluster());
        List<GenericKubernetesResource> decoded = decode(desired, client.getKubernetesSerialization());
        try {
            return TenantRules.broken(desired, decoded, new ServedKinds(release.cluster(), client)).all().stream()
                    .map(ObjectResult::error).toList();
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw unreachableCluster(release, e);
            }
            throw e;
        }
    }

    /** The chart's CRDs its CRD policy leaves alone for {@code phase}, as {@link #apply} and {@link #diff} apply it. */
    private static List<ObjectRef> crdsLeftAlone(DesiredRelease desired, HookPhase phase,
            List<GenericKubernetesResource> decoded, KubernetesClient client) {
        return ChartCrdPolicy.leftAlone(desired, phase, decoded, crd -> LiveObjects.resource(client, crd).get() != null);
    }

    /** {@code objects} with the release's ownership marks, as they are applied. */
    private static List<GenericKubernetesResource> marked(DesiredRelease desired,
            List<GenericKubernetesResource> objects) {
        objects.forEach(object -> OwnershipMarks.mark(object, desired.release(), desired.sourceFile()));
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static ReleaseDiff.ObjectDiff diffOne(KubernetesClient client, ServedKinds kinds,
            ReleaseNamespace namespace, Set<String> namespacesCreated, GenericKubernetesResource object) {
        try {
            namespace.place(object, kinds.namespaced(object.getApiVersion(), object.getKind()));
        } catch (UnservedKindException e) {
            return new ReleaseDiff.ObjectDiff(refOf(object), ReleaseDiff.Change.REFUSED, List.of(), e.getMessage());
        }
        ObjectRef ref = refOf(object);
        GenericKubernetesResource live;
        try {
            live = LiveObjects.resource(client, ref).get();
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw e;
            }
            // The release's user may not read it (a tenant's account): the apply would be refused the same way.
            return new ReleaseDiff.ObjectDiff(ref, ReleaseDiff.Change.REFUSED, List.of(), ApiServerMessage.of(e));
        }
        HasMetadata applied;
        try {
            applied = client.resource(object).dryRun().fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw e;
            }
            // In a namespace the release creates first, the object is created with it.
            return ServerDryRun.inCreatedNamespace(object, e, namespacesCreated)
                    ? new ReleaseDiff.ObjectDiff(ref, ReleaseDiff.Change.CREATE, List.of(), null)
                    : new ReleaseDiff.ObjectDiff(ref, ReleaseDiff.Change.REFUSED, List.of(), ApiServerMessage.of(e));
        }
        if (live == null) {
            return new ReleaseDiff.ObjectDiff(ref, ReleaseDiff.Change.CREATE, List.of(), null);
        }
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        List<FieldChange> fields = ObjectChanges.between(serialization.convertValue(live, Map.class),
                serialization.convertValue(applied, Map.class));
        return new ReleaseDiff.ObjectDiff(ref, fields.isEmpty() ? ReleaseDiff.Change.UNCHANGED
                : ReleaseDiff.Change.UPDATE, fields, null);
    }

    /**
     * Runs the hooks of {@code phase} among the desired objects, and nothing else: Helm's {@code pre-delete} and
     * {@code post-delete} around an uninstall, its {@code test} hooks. Hooks are created afresh, so they go through no
     * dry run nor claim; they carry the release's marks as its other objects do.
     */
    @Override
    public ApplyReport runHooks(DesiredRelease desired, String phase) {
        ReleaseKey release = desired.release();
        KubernetesClient client;
        List<HasMetadata> hooks;
        ServedKinds kinds;
        try {
            client = clusters.client(release.cluster(), AppliedAs.user(desired));
            hooks = decode(desired, client.getKubernetesSerialization()).stream()
                    .<HasMetadata>map(object -> object).filter(HelmHooks::isHook).toList();
            kinds = new ServedKinds(release.cluster(), clusters.client(release.cluster()));
        } catch (UnknownClusterException e) {
            return ApplyReport.unreachable(e.getMessage(), List.of());
        } catch (InvalidObjectException e) {
            return ApplyReport.failed(e.getMessage(), List.of());
        } catch (KubernetesClientException e) {
            return unreachable(release, e, List.of()).orElseGet(() -> ApplyReport.failed(
                    "cannot read the Secret of spec.decryption.secretRef: " + ApiServerMessage.of(e), List.of()));
        }
        if (HelmHooks.of(phase, hooks).isEmpty()) {
            return ApplyReport.of(Outcome.Ready, List.of());
        }
        Optional<ApplyReport> outsideTenant = outsideTenant(desired, hooks, kinds);
        if (outsideTenant.isPresent()) {
            return outsideTenant.get();
        }
        hooks.forEach(hook -> OwnershipMarks.mark(hook, release, desired.sourceFile()));
        ReleaseNamespace namespace = new ReleaseNamespace(release.namespace());
        HookRun hookRun = new HookRun(client, health, Duration.ofSeconds(desired.options().timeoutSeconds()),
                hook -> placeAndApply(release, client, kinds, namespace, hook, placed -> { },
                        placed -> ObjectAction.APPLIED, (ref, answer) -> { }));
        List<ObjectResult> results = new ArrayList<>();
        try {
            Optional<String> failedHook = hooksOf(hookRun, desired, phase, hooks, results);
            return failedHook.map(failure -> ApplyReport.failed(failure, results))
                    .orElseGet(() -> ApplyReport.of(Outcome.Ready, results));
        } catch (ClusterUnreachableException e) {
            return ApplyReport.unreachable(e.getMessage(), results);
        } catch (KubernetesClientException e) {
            return unreachable(release, e, results).orElseGet(() -> ApplyReport.failed(ApiServerMessage.of(e),
                    results));
        }
    }

    /** Deletes every object of the release from its cluster, but those it must keep: {@code Uninstalled}. */
    @Override
    public ApplyReport uninstall(ReleaseKey release, List<ObjectRef> inventory) {
        KubernetesClient client;
        try {
            client = clusters.client(release.cluster());
        } catch (UnknownClusterException e) {
            return ApplyReport.unreachable(e.getMessage(), List.of());
        }
        return deleting(release, client, inventory, Outcome.Uninstalled, List.of(), List.of());
    }

    private ApplyReport deleting(ReleaseKey release, KubernetesClient client, List<ObjectRef> objects,
            Outcome outcome, List<ObjectResult> before, List<String> notesBefore) {
        List<ObjectResult> results = new ArrayList<>(before);
        List<String> notes = new ArrayList<>(notesBefore);
        try {
            ObjectDeletion.Deletions deletions = ObjectDeletion.delete(client, release, objects);
            results.addAll(deletions.results());
            notes.addAll(deletions.notes());
        } catch (KubernetesClientException e) {
            return ApplyReport.unreachable(unreachableCluster(release, e).getMessage(), results);
        }
        return ApplyReport.of(outcome, results, notes);
    }

    /**
     * Failed, naming each rule broken, when the release goes beyond what its tenant may use: nothing of it is
     * applied. A cluster that does not answer while its kinds are asked is unreachable, as anywhere else.
     */
    private Optional<ApplyReport> outsideTenant(DesiredRelease desired, List<? extends HasMetadata> objects,
            ServedKinds kinds) {
        try {
            TenantRules.Broken broken = TenantRules.broken(desired, objects, kinds);
            return broken.none() ? Optional.empty() : Optional.of(ApplyReport.outsideTenant(broken.ofRelease(),
                    broken.ofObjects(), objects.size(), desired.tenant().name()));
        } catch (KubernetesClientException e) {
            return Optional.of(unreachable(desired.release(), e, List.of()).orElseGet(() -> ApplyReport.failed(
                    "cannot ask the cluster which kinds are namespaced: " + ApiServerMessage.of(e), List.of())));
        }
    }

    private static Set<String> namespacesCreated(ReleaseKey release, List<GenericKubernetesResource> objects,
            boolean createsItsNamespace) {
        Set<String> created = new HashSet<>();
        objects.stream().filter(object -> "Namespace".equals(object.getKind()))
                .forEach(object -> created.add(object.getMetadata().getName()));
        if (createsItsNamespace) {
            created.add(release.namespace());
        }
        return created;
    }

    private Optional<ApplyReport> unreachable(ReleaseKey release, KubernetesClientException e,
            List<ObjectResult> results) {
        if (!ClusterUnreachableException.isConnectionFailure(e)) {
            return Optional.empty();
        }
        return Optional.of(ApplyReport.unreachable(unreachableCluster(release, e).getMessage(), results));
    }

    private ClusterUnreachableException unreachableCluster(ReleaseKey release, KubernetesClientException e) {
        String server = clusters.serverOf(release.cluster()).orElse("its API server");
        return new ClusterUnreachableException(release.cluster(), server, e);
    }

    /**
     * Reads only what {@link ObjectClaims} must: the objects new to the release that the dry run found on the
     * cluster. Where the release's file is not known, an object it owns keeps the file it is marked with.
     *
     * @throws KubernetesClientException when an object cannot be read
     */
    private static ObjectClaims claims(DesiredRelease desired, KubernetesClient client, List<HasMetadata> objects,
            List<ObjectRef> inventory, ServerDryRun dryRun) {
        List<ObjectRef> refs = objects.stream().map(ReleaseApply::refOf).toList();
        ObjectClaims claims = ObjectClaims.of(desired.release(), desired.sourceFile(), refs, inventory,
                dryRun::onCluster, ref -> {
                    GenericKubernetesResource live = LiveObjects.resource(client, ref).get();
                    return live == null ? null : live.getMetadata();
                });
        if (desired.sourceFile() == null) {
            for (HasMetadata object : objects) {
                claims.markedFile(refOf(object)).ifPresent(
                        file -> object.getMetadata().getAnnotations().put(OwnershipMarks.SOURCE_FILE, file));
            }
        }
        return claims;
    }

    /**
     * An object to adopt is marked adopted before it is applied, so that no crash in between can leave it looking
     * as if Flotilla had created it.
     *
     * @throws ClusterUnreachableException when the cluster does not answer
     */
    private ObjectResult applyOne(ReleaseKey release, KubernetesClient client, ServedKinds kinds,
            ReleaseNamespace namespace, ServerDryRun dryRun, ObjectClaims claims, HasMetadata object,
            BiConsumer<ObjectRef, HasMetadata> answered) {
        return placeAndApply(release, client, kinds, namespace, object, placed -> {
            if (claims.adopts(placed)) {
                LiveObjects.resource(client, placed).patch(ADOPTION, OwnershipMarks.ADOPTION_PATCH);
            }
        }, placed -> dryRun.conflicts(placed).isPresent() ? ObjectAction.TAKEN_OVER : ObjectAction.APPLIED, answered);
    }

    /**
     * Places the object in its namespace, runs {@code beforeApply} on it and applies it server-side: the
     * {@code action} it was once applied, failed with the API server's reason when refused. What the API server
     * answered (the object as stored) goes to {@code answered}.
     *
     * @throws ClusterUnreachableException when the cluster does not answer
     */
    private ObjectResult placeAndApply(ReleaseKey release, KubernetesClient client, ServedKinds kinds,
            ReleaseNamespace namespace, HasMetadata object, Consumer<ObjectRef> beforeApply,
            Function<ObjectRef, ObjectAction> action, BiConsumer<ObjectRef, HasMetadata> answered) {
        try {
            namespace.place(object, kinds.namespaced(object.getApiVersion(), object.getKind()));
            ObjectRef placed = refOf(object);
            beforeApply.accept(placed);
            HasMetadata answer = client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
            if (answer != null) {
                answered.accept(placed, answer);
            }
            return new ObjectResult(placed, action.apply(placed), null);
        } catch (UnservedKindException e) {
            return ObjectResult.failed(refOf(object), e.getMessage());
        } catch (KubernetesClientException e) {
            if (ClusterUnreachableException.isConnectionFailure(e)) {
                throw unreachableCluster(release, e);
            }
            return ObjectResult.failed(refOf(object), ApiServerMessage.of(e));
        }
    }

    /**
     * As {@code helm install --create-namespace}: a chart's release namespace is created when missing.
     * A folder of manifests brings its own namespaces, and one in the release is applied in order.
     */
    private static boolean createsItsNamespace(DesiredRelease desired, List<GenericKubernetesResource> objects) {
        if (desired.format() == ReleaseFormat.MANIFESTS || desired.format() == ReleaseFormat.KUSTOMIZATION) {
            return false;
        }
        String namespace = desired.release().namespace();
        return objects.stream().noneMatch(object -> "Namespace".equals(object.getKind())
                && namespace.equals(object.getMetadata().getName()));
    }

    /** Applying the namespace leaves one that exists as it is: no need to ask first. */
    private static void ensureNamespace(KubernetesClient client, String name) {
        Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
        client.resource(namespace).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    static ObjectRef refOf(HasMetadata object) {
        return new ObjectRef(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }
}
