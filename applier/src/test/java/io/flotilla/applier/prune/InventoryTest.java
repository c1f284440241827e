package io.flotilla.applier.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.applier.history.Attempt;
import io.flotilla.applier.history.Revision;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseKey;

class InventoryTest {

    private static final ObjectRef WEB = new ObjectRef("v1", "ConfigMap", "apps", "web");
    private static final ObjectRef OLD = new ObjectRef("v1", "ConfigMap", "apps", "old");
    private static final ObjectRef HALF = new ObjectRef("v1", "Secret", "apps", "half");

    @Test
    void holdsTheLastReadyRevisionsObjectsAndWhatFailedRevisionsAppliedSince() {
        List<ObjectRef> inventory = Inventory.of(List.of(
                revision(1, Outcome.Ready, ObjectResult.applied(OLD)),
                revision(2, Outcome.Ready, ObjectResult.applied(WEB)),
                revision(3, Outcome.Failed, ObjectResult.applied(HALF), ObjectResult.failed(OLD, "refused"))));

        assertThat(inventory).containsExactly(HALF, WEB);
    }

    @Test
    void isEmptyAfterAnUninstall() {
        assertThat(Inventory.of(List.of(
                revision(1, Outcome.Ready, ObjectResult.applied(WEB)),
                revision(2, Outcome.Uninstalled, new ObjectResult(WEB, ObjectAction.DELETED, null))))).isEmpty();
    }

    @Test
    void anObjectMovedToANewerVersionOfItsGroupIsNotPruned() {
        ObjectRef beta = new ObjectRef("autoscaling/v1", "HorizontalPodAutoscaler", "apps", "web");
        ObjectRef stable = new ObjectRef("autoscaling/v2", "HorizontalPodAutoscaler", "apps", "web");

        assertThat(PruneSet.of(List.of(beta, OLD), List.of(stable))).containsExactly(OLD);
    }

    private static Revision revision(int number, Outcome outcome, ObjectResult... results) {
        return new Revision(number, new Attempt(new ReleaseKey("dev", "apps", "web"), "sha", "file", "web", "1.0",
                "d" + number, outcome, null, List.of(results), Instant.EPOCH, 1));
    }
}
