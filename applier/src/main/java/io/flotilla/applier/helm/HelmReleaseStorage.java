package io.flotilla.applier.helm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.cluster.ServedKinds;
import io.flotilla.applier.cluster.UnservedKindException;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;
import io.flotilla.events.sealing.SecretObjects;

/**
 * Keeps Helm's records of a chart release on its cluster, as Helm would: each revision Flotilla applies is Helm's
 * next one after the newest record there, so that a release Helm, Helm Operator or helm-controller installed goes on
 * at its next revision; a revision deployed supersedes the one deployed before it; a failed upgrade remedied by a
 * rollback is two revisions, the failed upgrade (superseded) and the rollback to the revision deployed before it; all
 * of them are gone on uninstall. Releases of plain manifests and Kustomizations have no Helm record. A record that
 * cannot be written is logged, never a reason to fail the release it describes.
 */
@Singleton
public class HelmReleaseStorage {

    private static final Logger LOG = Logger.getLogger(HelmReleaseStorage.class);
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final ClusterClients clusters;
    private final KeyRing secretKeys;

    /** @param secretKeys opens the sealed data of the release's Secrets, which Helm's record keeps as applied */
    @Inject
    public HelmReleaseStorage(ClusterClients clusters, KeyRing secretKeys) {
        this.clusters = clusters;
        this.secretKeys = secretKeys;
    }

    /**
     * The objects of the release's deployed Helm revision, as its manifest names them (hooks and CRDs are not in it),
     * each in the namespace Helm put it in; empty when the cluster has no deployed revision of the release: one Helm
     * installed before Flotilla took it over, or one Flotilla recorded. A chart release only; a cluster whose records
     * cannot be read has none. An object of a kind the cluster does not serve is not there to name.
     */
    public Optional<List<ObjectRef>> deployedObjects(DesiredRelease desired) {
        if (!recordedByHelm(desired.format())) {
            return Optional.empty();
        }
        ReleaseKey release = desired.release();
        KubernetesClient client;
        Optional<StoredRecord> deployed;
        try {
            client = clusters.client(release.cluster());
            deployed = records(client, release).stream()
                    .filter(record -> HelmReleaseRecord.DEPLOYED.equals(record.status()))
                    .max(Comparator.comparingInt(StoredRecord::version));
        } catch (RuntimeException e) {
            LOG.warnf("%s: Helm's records could not be read: %s", release, e.getMessage());
            return Optional.empty();
        }
        try {
            return deployed.map(record -> manifestObjects(client, release, record.release().get("manifest")));
        } catch (RuntimeException e) {
            LOG.warnf("%s: the manifest of Helm's deployed revision could not be read: %s", release, e.getMessage());
            return Optional.of(List.of());
        }
    }

    private static List<ObjectRef> manifestObjects(KubernetesClient client, ReleaseKey release, Object manifest) {
        if (!(manifest instanceof String text)) {
            return List.of();
        }
        ServedKinds kinds = new ServedKinds(release.cluster(), client);
        List<ObjectRef> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text)) {
            if (document.isBlank()) {
                continue;
            }
            GenericKubernetesResource object = client.getKubernetesSerialization().unmarshal(document,
                    GenericKubernetesResource.class);
            if (object == null || object.getKind() == null || object.getMetadata() == null) {
                continue;
            }
            try {
                boolean namespaced = kinds.namespaced(object.getApiVersion(), object.getKind());
                String namespace = object.getMetadata().getNamespace();
                objects.add(new ObjectRef(object.getApiVersion(), object.getKind(),
                        !namespaced ? null : namespace == null || namespace.isBlank() ? release.namespace() : namespace,
                        object.getMetadata().getName()));
            } catch (UnservedKindException e) {
                LOG.debugf("%s: %s", release, e.getMessage());
            }
        }
        return objects;
    }

    /**
     * Records what an install or an upgrade of the release came to ({@code report}) as its next Helm revision:
     * deployed when Ready, failed when Failed; nothing for other outcomes.
     */
    public void record(DesiredRelease desired, ApplyReport report, Instant at) {
        record(desired, report, at, null);
    }

    /**
     * Records what an apply of the release came to as its next Helm revision, as {@link #record(DesiredRelease,
     * ApplyReport, Instant)}; a Ready one described as {@code description} (null: "Install complete" or "Upgrade
     * complete", as Helm says).
     */
    public void record(DesiredRelease desired, ApplyReport report, Instant at, String description) {
        if (!recordedByHelm(desired.format())
                || (report.outcome() != Outcome.Ready && report.outcome() != Outcome.Failed)) {
            return;
        }
        ReleaseKey release = desired.release();
        try {
            KubernetesClient client = clusters.client(release.cluster());
            List<StoredRecord> stored = records(client, release);
            int version = nextVersion(stored);
            boolean upgrade = stored.stream().anyMatch(StoredRecord::wasDeployed);
            if (report.outcome() == Outcome.Ready) {
                supersedeDeployed(client, release, stored);
                write(client, desired, version, HelmReleaseRecord.DEPLOYED, description != null ? description
                        : upgrade ? "Upgrade complete" : "Install complete", report, firstDeployed(stored, at), at);
            } else {
                write(client, desired, version, HelmReleaseRecord.FAILED, failure(release, upgrade, report.error()),
                        report, firstDeployed(stored, at), at);
            }
            trim(client, release, stored, version, desired.options().maxHistory());
        } catch (RuntimeException e) {
            LOG.warnf("%s: Helm's record could not be written: %s", release, e.getMessage());
        }
    }

    /**
     * Records an upgrade of {@code failed} that failed for good ({@code failure}) and the rollback that remedied it
     * ({@code rollback}, which put the objects of {@code restored} on the cluster again), as {@code helm rollback}
     * after a failed upgrade leaves them: the failed upgrade as the next Helm revision, superseded, and the rollback
     * as the one after, deployed, "Rollback to" the revision deployed until then.
     */
    public void recordRollback(DesiredRelease failed, ApplyReport failure, DesiredRelease restored,
            ApplyReport rollback, Instant at) {
        if (!recordedByHelm(failed.format())) {
            return;
        }
        ReleaseKey release = failed.release();
        try {
            KubernetesClient client = clusters.client(release.cluster());
            List<StoredRecord> stored = records(client, release);
            int upgrade = nextVersion(stored);
            Instant first = firstDeployed(stored, at);
            Optional<Integer> target = stored.stream()
                    .filter(record -> HelmReleaseRecord.DEPLOYED.equals(record.status()))
                    .map(StoredRecord::version).max(Integer::compare);
            supersedeDeployed(client, release, stored);
            write(client, failed, upgrade, HelmReleaseRecord.SUPERSEDED, failure(release, true, failure.error()),
                    failure, first, at);
            write(client, restored, upgrade + 1, HelmReleaseRecord.DEPLOYED,
                    target.map(version -> "Rollback to " + version).orElse("Rollback"), rollback, first, at);
            trim(client, release, stored, upgrade + 1, failed.options().maxHistory());
        } catch (RuntimeException e) {
            LOG.warnf("%s: Helm's records of the rollback could not be written: %s", release, e.getMessage());
        }
    }

    /** Deletes every Helm record of the release, as {@code helm uninstall} does. */
    public void forget(ReleaseKey release) {
        try {
            clusters.client(release.cluster()).secrets().inNamespace(release.namespace())
                    .withLabel("owner", "helm").withLabel("name", release.name()).delete();
        } catch (RuntimeException e) {
            LOG.warnf("%s: Helm's records could not be deleted: %s", release, e.getMessage());
        }
    }

    /** Helm keeps records of chart releases only. */
    private static boolean recordedByHelm(ReleaseFormat format) {
        return format == ReleaseFormat.FLUX_V1 || format == ReleaseFormat.FLUX_V2;
    }

    /** Helm's words for a failed install or upgrade. */
    private static String failure(ReleaseKey release, boolean upgrade, String error) {
        return (upgrade ? "Upgrade \"" : "Release \"") + release.name() + "\" failed: " + error;
    }

    private static int nextVersion(List<StoredRecord> stored) {
        return stored.stream().mapToInt(StoredRecord::version).max().orElse(0) + 1;
    }

    /** When the release was first deployed, as its newest record says; {@code otherwise} for a first revision. */
    private static Instant firstDeployed(List<StoredRecord> stored, Instant otherwise) {
        return stored.stream().max(Comparator.comparingInt(StoredRecord::version))
                .flatMap(newest -> HelmReleaseRecord.firstDeployed(newest.release()))
                .orElse(otherwise);
    }

    private void write(KubernetesClient client, DesiredRelease desired, int version, String status,
            String description, ApplyReport report, Instant firstDeployed, Instant at) {
        ReleaseKey release = desired.release();
        HelmReleaseContent content = HelmReleaseContent.of(desired, asApplied(desired), report.objects(), at,
                client.getKubernetesSerialization());
        Map<String, Object> record = HelmReleaseRecord.release(release.name(), release.namespace(), version, status,
                desired.chartName(), desired.chartVersion(), description, content, firstDeployed, at);
        apply(client, release, version, status, record);
    }

    /**
     * The release's objects with their Secrets' data opened, as they were applied: Helm keeps its record in the
     * cluster, where the Secrets are too, and {@code helm get manifest} or a hand-run {@code helm rollback} must see
     * and apply the values, not Flotilla's sealed text. A rendering whose Secrets do not open was not applied; its
     * failed revision keeps them sealed.
     */
    private List<Map<String, Object>> asApplied(DesiredRelease desired) {
        try {
            return SecretObjects.open(desired.objects(), secretKeys, desired.release().namespace());
        } catch (SealingException e) {
            return desired.objects();
        }
    }

    /**
     * Deletes the records older than the newest {@code maxHistory}, as Helm's {@code --history-max} does.
     *
     * @param stored the records before revision {@code version} was written
     */
    private static void trim(KubernetesClient client, ReleaseKey release, List<StoredRecord> stored, int version,
            int maxHistory) {
        if (maxHistory <= 0) {
            return;
        }
        for (StoredRecord old : stored) {
            if (old.version() <= version - maxHistory) {
                client.secrets().inNamespace(release.namespace()).withName(old.secret().getMetadata().getName())
                        .delete();
            }
        }
    }

    private static void supersedeDeployed(KubernetesClient client, ReleaseKey release, List<StoredRecord> stored) {
        for (StoredRecord previous : stored) {
            if (!HelmReleaseRecord.DEPLOYED.equals(previous.status())) {
                continue;
            }
            Map<String, Object> record = previous.release();
            if (record.get("info") instanceof Map<?, ?> info) {
                @SuppressWarnings("unchecked")
                Map<String, Object> writable = (Map<String, Object>) info;
                writable.put("status", HelmReleaseRecord.SUPERSEDED);
            }
            apply(client, release, previous.version(), HelmReleaseRecord.SUPERSEDED, record);
        }
    }

    private static void apply(KubernetesClient client, ReleaseKey release, int version, String status,
            Map<String, Object> record) {
        client.resource(secret(release, version, status, record)).fieldManager(ReleaseApply.FIELD_MANAGER)
                .forceConflicts().serverSideApply();
    }

    /** The release's Helm records on the cluster, whoever wrote them. */
    private static List<StoredRecord> records(KubernetesClient client, ReleaseKey release) {
        return client.secrets().inNamespace(release.namespace()).withLabel("owner", "helm")
                .withLabel("name", release.name()).list().getItems().stream()
                .filter(secret -> secret.getMetadata().getLabels().get("version") != null)
                .map(StoredRecord::of).toList();
    }

    private static Secret secret(ReleaseKey release, int version, String status, Map<String, Object> record) {
        String value = HelmReleaseRecord.encode(record);
        return new SecretBuilder().withNewMetadata().withName(HelmReleaseRecord.secretName(release.name(), version))
                .withNamespace(release.namespace()).withLabels(HelmReleaseRecord.labels(release.name(), version, status))
                .endMetadata()
                .withType(HelmReleaseRecord.SECRET_TYPE)
                // The Secret's data is base64 of the bytes stored; Helm stores the base64 text itself.
                .withData(Map.of("release", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.US_ASCII))))
                .build();
    }

    /** One of Helm's record Secrets of the release, its version and status as its labels say. */
    private record StoredRecord(int version, String status, Secret secret) {

        static StoredRecord of(Secret secret) {
            Map<String, String> labels = secret.getMetadata().getLabels();
            return new StoredRecord(Integer.parseInt(labels.get("version")), labels.get("status"), secret);
        }

        /** Whether this revision was deployed, and may be upgraded from. */
        boolean wasDeployed() {
            return HelmReleaseRecord.DEPLOYED.equals(status) || HelmReleaseRecord.SUPERSEDED.equals(status);
        }

        /** The release it records, decoded. */
        Map<String, Object> release() {
            String encoded = new String(Base64.getDecoder().decode(secret.getData().get("release")),
                    StandardCharsets.US_ASCII);
            return HelmReleaseRecord.decode(encoded);
        }
    }
}
