package io.flotilla.applier.preview;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.KubernetesClientException;

import org.jboss.logging.Logger;

import io.flotilla.applier.apply.FieldChange;
import io.flotilla.applier.apply.InvalidObjectException;
import io.flotilla.applier.apply.ReleaseApply;
import io.flotilla.applier.apply.ReleaseDiff;
import io.flotilla.applier.cluster.ClusterClients;
import io.flotilla.applier.cluster.ClusterUnreachableException;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.prune.Inventory;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewChecked.Change;
import io.flotilla.events.PreviewChecked.ObjectChange;
import io.flotilla.events.PreviewRendered;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Compares one release of a preview with its cluster, as the release's diff ({@code GET .../diff}) compares its
 * newest rendering: each object as a server-side dry run leaves it against the object as it is (field paths only,
 * never a value), what the API server refuses, what the release would prune, and what breaks its tenant's rules. A
 * release the preview removes has every object it has on the cluster deleted. Nothing is written to the cluster or
 * to the applier's history; a cluster that is unknown (an {@code UnknownClusterException}, one kind of unreachable)
 * or does not answer is the check's error.
 */
@ApplicationScoped
public class PreviewChecks {

    private static final Logger LOG = Logger.getLogger(PreviewChecks.class);

    private final ReleaseApply apply;
    private final ReleaseHistory history;
    private final ClusterClients clusters;

    @Inject
    public PreviewChecks(ReleaseApply apply, ReleaseHistory history, ClusterClients clusters) {
        this.apply = apply;
        this.history = history;
        this.clusters = clusters;
    }

    public PreviewChecked check(PreviewRendered preview) {
        ReleaseRendered rendering = preview.rendering();
        ReleaseKey release = rendering.release();
        try {
            List<ObjectRef> inventory = history.state(release).isEmpty() ? List.of()
                    : Inventory.of(history.revisions(release));
            if (rendering.removed()) {
                clusters.client(release.cluster());
                return checked(preview, inventory.stream()
                        .map(object -> new ObjectChange(object, Change.DELETE, List.of(), null)).toList(),
                        List.of(), null);
            }
            if (rendering.failed()) {
                return checked(preview, List.of(), List.of(), rendering.error());
            }
            DesiredRelease desired = DesiredRelease.of(rendering);
            List<String> violations = apply.tenantViolations(desired);
            ReleaseDiff diff = apply.diff(desired, inventory);
            return checked(preview, diff.objects().stream().map(PreviewChecks::change).toList(), violations, null);
        } catch (ClusterUnreachableException | InvalidObjectException e) {
            return checked(preview, List.of(), List.of(), e.getMessage());
        } catch (KubernetesClientException e) {
            return checked(preview, List.of(), List.of(), "cluster " + release.cluster() + " answered: "
                    + e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot check release %s of preview %s", release, preview.preview());
            return checked(preview, List.of(), List.of(), "cannot check release " + release + ": " + e);
        }
    }

    private static ObjectChange change(ReleaseDiff.ObjectDiff diff) {
        return new ObjectChange(diff.object(), Change.valueOf(diff.change().name()),
                diff.fields().stream().map(FieldChange::path).toList(), diff.reason());
    }

    private static PreviewChecked checked(PreviewRendered preview, List<ObjectChange> objects, List<String> violations,
            String error) {
        return new PreviewChecked(preview.preview(), preview.sha(), preview.rendering().release(), objects, violations,
                error);
    }
}
