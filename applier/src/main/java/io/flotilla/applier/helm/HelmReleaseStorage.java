package io.flotilla.applier.helm;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.hook.HookPhase;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseKey;

/**
 * Keeps Helm's records of a chart release on its cluster, as Helm would: the new revision {@code deployed}
 * (or {@code failed}, or deployed as a rollback), the one deployed before it {@code superseded}, all of them gone
 * on uninstall.
 * Releases of plain manifests have no Helm record. A record that cannot be written is logged, never a
 * reason to fail the release it describes.
 */
@Singleton
public class HelmReleaseStorage {

    private static final Logger LOG = Logger.getLogger(HelmReleaseStorage.class);

    private final ClusterClients clusters;

    @Inject
    public HelmReleaseStorage(ClusterClients clusters) {
        this.clusters = clusters;
    }

    /**
     * Records revision {@code version} of the release, which an install or an upgrade ({@code phase}) brought to
     * {@code outcome}.
     */
    public void record(DesiredRelease desired, int version, HookPhase phase, Outcome outcome, String error,
            Instant at) {
        if (outcome == Outcome.Ready) {
            write(desired, version, HelmReleaseRecord.DEPLOYED,
                    phase == HookPhase.INSTALL ? "Install complete" : "Upgrade complete", at);
        } else if (outcome == Outcome.Failed) {
            write(desired, version, HelmReleaseRecord.FAILED, "Flotilla: " + error, at);
        }
    }

    /**
     * Records revision {@code version} as a rollback to revision {@code target}, whose objects ({@code restored})
     * are on the cluster again: deployed, as {@code helm rollback} records it.
     */
    public void recordRollback(DesiredRelease restored, int version, int target, Instant at) {
        write(restored, version, HelmReleaseRecord.DEPLOYED, "Rollback to " + target, at);
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

    private void write(DesiredRelease desired, int version, String status, String description, Instant at) {
        if (desired.format() == ReleaseFormat.MANIFESTS) {
            return;
        }
        ReleaseKey release = desired.release();
        try {
            KubernetesClient client = clusters.client(release.cluster());
            // Revision 1 has nothing before it to supersede: no need to look.
            if (HelmReleaseRecord.DEPLOYED.equals(status) && version > 1) {
                supersede(client, release);
            }
            Map<String, Object> record = HelmReleaseRecord.release(release.name(), release.namespace(), version, status,
                    desired.chartName(), desired.chartVersion(), description, manifest(client, desired), at);
            client.resource(secret(release, version, status, record)).fieldManager(ReleaseApply.FIELD_MANAGER)
                    .forceConflicts().serverSideApply();
            trim(client, release, version, desired.options().maxHistory());
        } catch (RuntimeException e) {
            LOG.warnf("%s: Helm's record of revision %d could not be written: %s", release, version, e.getMessage());
        }
    }

    /**
     * Deletes the records older than the newest {@code maxHistory}, as Helm's {@code --history-max} does; until
     * there are more than that, nothing is read.
     */
    private static void trim(KubernetesClient client, ReleaseKey release, int version, int maxHistory) {
        if (maxHistory <= 0 || version <= maxHistory) {
            return;
        }
        for (Secret old : client.secrets().inNamespace(release.namespace()).withLabel("owner", "helm")
                .withLabel("name", release.name()).list().getItems()) {
            if (Integer.parseInt(old.getMetadata().getLabels().get("version")) <= version - maxHistory) {
                client.resource(old).delete();
            }
        }
    }

    private static void supersede(KubernetesClient client, ReleaseKey release) {
        List<Secret> deployed = client.secrets().inNamespace(release.namespace()).withLabel("owner", "helm")
                .withLabel("name", release.name()).withLabel("status", HelmReleaseRecord.DEPLOYED).list().getItems();
        for (Secret previous : deployed) {
            String encoded = new String(Base64.getDecoder().decode(previous.getData().get("release")),
                    StandardCharsets.US_ASCII);
            Map<String, Object> record = HelmReleaseRecord.decode(encoded);
            if (record.get("info") instanceof Map<?, ?> info) {
                @SuppressWarnings("unchecked")
                Map<String, Object> writable = (Map<String, Object>) info;
                writable.put("status", HelmReleaseRecord.SUPERSEDED);
            }
            int version = Integer.parseInt(previous.getMetadata().getLabels().get("version"));
            client.resource(secret(release, version, HelmReleaseRecord.SUPERSEDED, record))
                    .fieldManager(ReleaseApply.FIELD_MANAGER).forceConflicts().serverSideApply();
        }
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

    private static String manifest(KubernetesClient client, DesiredRelease desired) {
        return desired.objects().stream().map(object -> client.getKubernetesSerialization().asYaml(object))
                .map(yaml -> yaml.startsWith("---") ? yaml : "---\n" + yaml)
                .collect(Collectors.joining());
    }
}
